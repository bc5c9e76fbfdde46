//! Phase detection.
