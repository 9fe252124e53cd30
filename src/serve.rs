//! SPARQL 1.1 Protocol HTTP endpoint (to be written).
