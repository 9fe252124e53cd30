//! Actor network built from the graph through SPARQL (to be written).
