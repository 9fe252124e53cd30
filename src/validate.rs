//! SHACL validation of the graph against ontology/shapes.ttl (to be written).
