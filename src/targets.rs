//! Target catalogue (TOML) (to be written).
