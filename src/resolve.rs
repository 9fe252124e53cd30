//! Actor resolution across articles and the user knowledge base (to be written).
