//! ner
