// groktop patch: AVX-512 is stable since Rust 1.89; the "nightly" feature no longer needs nightly features.

pub mod gemm;
pub mod microkernel;

#[macro_use]
extern crate gemm_common;
