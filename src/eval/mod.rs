//! Attribution evaluation against brat standoff gold (PolNeAR layout).
//!
//! [`brat`] reads `.ann` files; [`score`] compares gold attributions with the
//! claims of an [`crate::Extraction`] and computes precision / recall / F1 for
//! source, cue and content spans (exact and overlap) plus speaker accuracy;
//! [`corpus`] finds text/annotation pairs in a split directory.
//!
//! Coreference on GUM: [`gum_coref`] reads GUM's coreference files and
//! rebuilds the text, [`coref`] aligns our mentions and actors to GUM's
//! person / organisation entities, [`coref_score`] computes MUC, B-cubed,
//! CEAF-e and CoNLL F1.

pub mod brat;
pub mod coref;
pub mod coref_score;
pub mod corpus;
pub mod gum_coref;
pub mod score;
