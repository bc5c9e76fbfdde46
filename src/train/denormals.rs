//! The preset's [`Subnormals`] mode, set on every thread that trains or evaluates.
//!
//! A model that fits its data confidently drives softmax probabilities, and with them the
//! logits' gradients, below f32's smallest normal number (1.2e-38). On x86 an arithmetic
//! operation with a subnormal operand or result takes a microcode assist, about a hundred
//! times a normal one, and the GEMM kernels of the backward pass then meet such values on
//! every step: a `double-descent-small` cell (d_model 24, 4 000 pairs, one thread) fell from
//! 62 to 21 steps/s within 1 000 steps once it generalized, with 73 % of its time in the GEMM
//! microkernels. `Subnormals::Flush` sets flush-to-zero (results) and denormals-are-zero
//! (operands): that cell kept 75-90 steps/s.
//!
//! The mode is part of the numeric format. A `phase-diagram-quick` cell whose train loss never
//! fell below 1.6 (d_model 8, 4 000 pairs) gave the same bits in both modes for all 8 000
//! steps; one that grokked (d_model 32) kept the same bits to step 3 350 (train loss 2.3e-4),
//! then drifted in the fifth digit (val 0.94013 against 0.94024 at step 3 400), with the same
//! phase events.
//!
//! The flags are per thread, and the threads of a rayon pool run whatever work is queued,
//! GEMM pieces of another run included. So a `Flush` run computes on a pool of its own whose
//! threads are all in that mode from their start, and nothing else runs there; `Keep` runs
//! compute where they are called, as before, on threads that never had the flags set.

use crate::preset::Subnormals;
use std::sync::Arc;

/// MXCSR bits: FTZ (15) and DAZ (6).
#[cfg(target_arch = "x86_64")]
const FLUSH_BITS: u32 = (1 << 15) | (1 << 6);

/// Sets `mode` on the calling thread.
#[allow(deprecated)] // _mm_getcsr/_mm_setcsr: the stable way to reach MXCSR
fn set_on_this_thread(mode: Subnormals) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: MXCSR holds only this thread's SSE floating-point mode; FTZ and DAZ exist on
    // every x86-64 CPU.
    unsafe {
        use std::arch::x86_64::{_mm_getcsr, _mm_setcsr};
        let csr = _mm_getcsr();
        _mm_setcsr(match mode {
            Subnormals::Flush => csr | FLUSH_BITS,
            Subnormals::Keep => csr & !FLUSH_BITS,
        });
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = mode; // elsewhere the CPU's default (IEEE) stays: Flush is x86 only
}

/// The pool a run in `mode` computes on: for `Flush`, a new one as large as the current
/// pool, every thread of it flushing; for `Keep`, none (the caller's pool). A pool that
/// cannot be built is an error naming the limit it most likely met: computing in Keep mode
/// instead would give other numbers than the run's preset.ron promises.
pub fn dedicated_pool(mode: Subnormals) -> Result<Option<Arc<rayon::ThreadPool>>, String> {
    match mode {
        Subnormals::Keep => Ok(None),
        Subnormals::Flush => {
            let threads = rayon::current_num_threads();
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .thread_name(|i| format!("flush-{i}"))
                .start_handler(|_| set_on_this_thread(Subnormals::Flush))
                .build()
                .map(|pool| Some(Arc::new(pool)))
                .map_err(|e| {
                    format!(
                        "subnormals: Flush: cannot start the {threads} thread(s) of the run's own pool ({e}); this user may run at most {} processes and threads at once (`ulimit -u`): raise that limit, or train with subnormals: Keep (other numbers: see the preset's docs)",
                        process_limit()
                    )
                })
        }
    }
}

/// `RLIMIT_NPROC` in words.
fn process_limit() -> String {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: a pointer to a live rlimit struct that the call fills in.
    match unsafe { libc::getrlimit(libc::RLIMIT_NPROC, &mut limit) } {
        0 if limit.rlim_cur == libc::RLIM_INFINITY => "unlimited".into(),
        0 => limit.rlim_cur.to_string(),
        _ => "an unknown number of".into(),
    }
}

/// The mode the calling thread is in.
#[cfg(all(test, target_arch = "x86_64"))]
#[allow(deprecated)]
pub fn mode_of_this_thread() -> Subnormals {
    // SAFETY: reading MXCSR has no effect.
    match unsafe { std::arch::x86_64::_mm_getcsr() } & FLUSH_BITS {
        FLUSH_BITS => Subnormals::Flush,
        _ => Subnormals::Keep,
    }
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;

    /// (mode, half the smallest normal f32) on each thread of `pool`.
    fn halves(pool: &rayon::ThreadPool) -> Vec<(Subnormals, f32)> {
        pool.install(|| {
            rayon::broadcast(|_| {
                let tiny = std::hint::black_box(f32::MIN_POSITIVE);
                (mode_of_this_thread(), tiny * std::hint::black_box(0.5))
            })
        })
    }

    #[test]
    fn a_flush_pool_flushes_on_every_thread_and_keep_needs_none() {
        let outer = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        assert!(
            outer
                .install(|| dedicated_pool(Subnormals::Keep))
                .unwrap()
                .is_none()
        );
        let flush = outer
            .install(|| dedicated_pool(Subnormals::Flush))
            .unwrap()
            .unwrap();
        assert_eq!(
            flush.current_num_threads(),
            2,
            "as large as the caller's pool"
        );
        assert_eq!(halves(&flush), vec![(Subnormals::Flush, 0.0); 2]);
        // The caller's pool is untouched: IEEE subnormals there.
        for (mode, half) in halves(&outer) {
            assert_eq!(mode, Subnormals::Keep);
            assert!(half > 0.0 && !half.is_normal());
        }
    }
}
