//! Attribution evaluation against brat standoff gold (PolNeAR layout) (to be written).
