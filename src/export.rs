//! Export of the store or one article graph as Turtle, N-Quads or JSON-LD (to be written).
