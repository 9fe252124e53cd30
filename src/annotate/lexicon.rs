//! Stage: lexicon (to be written).
