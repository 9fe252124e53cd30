//! Attribution evaluation against brat standoff gold (PolNeAR layout).
//!
//! [`brat`] reads `.ann` files; [`score`] compares gold attributions with the
//! claims of an [`crate::Extraction`] and computes precision / recall / F1 for
//! source, cue and content spans (exact and overlap) plus speaker accuracy;
//! [`corpus`] finds text/annotation pairs in a split directory.

pub mod brat;
pub mod corpus;
pub mod score;
