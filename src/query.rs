//! SPARQL queries: canned queries in queries/, parameters, result formats (to be written).
