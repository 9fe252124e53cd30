//! Stage: mentions (to be written).
