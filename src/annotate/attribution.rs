//! Stage: attribution (to be written).
