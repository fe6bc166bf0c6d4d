//! Empty: the benchmarks are in benches/core.rs.
