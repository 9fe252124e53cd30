//! Stage: coref (to be written).
