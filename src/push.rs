//! Push to an external SPARQL store over the Graph Store HTTP Protocol (to be written).
