//! gum
