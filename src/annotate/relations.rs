//! Stage: relations (to be written).
