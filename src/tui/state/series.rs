//! A plot series whose memory stays bounded however long a run goes.
//!
//! Keeps at most `capacity` points (plus the newest sample). When full it drops every other
//! point and doubles its stride, so the kept points stay evenly spread over the whole run
//! while the newest sample is always shown. The points are kept twice, once against the step
//! and once against log10(step), so drawing borrows a slice for either axis without copying.

/// A down-sampling `(step, value)` series.
#[derive(Clone, Debug)]
pub struct Series {
    capacity: usize,
    /// Keep one sample in `stride`.
    stride: u64,
    /// Samples offered so far.
    seen: u64,
    /// True when the last point is the newest sample but off-stride (replaced on the next push).
    provisional: bool,
    linear: Vec<(f64, f64)>,
    log_x: Vec<(f64, f64)>,
    min: f64,
    max: f64,
}

/// The default number of points per series: more than a wide terminal has braille columns.
pub const DEFAULT_CAPACITY: usize = 512;

impl Default for Series {
    fn default() -> Self {
        Self::with_capacity(DEFAULT_CAPACITY)
    }
}

impl Series {
    /// A series keeping at most `capacity` (at least 2) points.
    pub fn with_capacity(capacity: usize) -> Self {
        let capacity = capacity.max(2);
        Self {
            capacity,
            stride: 1,
            seen: 0,
            provisional: false,
            linear: Vec::with_capacity(capacity + 1),
            log_x: Vec::with_capacity(capacity + 1),
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }

    /// Adds a sample. Non-finite values are skipped (they cannot be drawn).
    pub fn push(&mut self, step: f64, value: f64) {
        if !value.is_finite() || !step.is_finite() {
            return;
        }
        if self.provisional {
            self.linear.pop();
            self.log_x.pop();
        }
        let on_stride = self.seen.is_multiple_of(self.stride);
        self.seen += 1;
        self.linear.push((step, value));
        self.log_x.push((log_step(step), value));
        self.provisional = !on_stride;
        self.min = self.min.min(value);
        self.max = self.max.max(value);
        if on_stride && self.linear.len() > self.capacity {
            self.halve();
        }
    }

    /// Drops every other point and doubles the stride.
    fn halve(&mut self) {
        for v in [&mut self.linear, &mut self.log_x] {
            let mut i = 0;
            v.retain(|_| {
                i += 1;
                (i - 1) % 2 == 0
            });
        }
        self.stride *= 2;
    }

    /// The points against the step (or against log10 of the step).
    pub fn points(&self, log_x: bool) -> &[(f64, f64)] {
        if log_x { &self.log_x } else { &self.linear }
    }

    pub fn len(&self) -> usize {
        self.linear.len()
    }

    pub fn is_empty(&self) -> bool {
        self.linear.is_empty()
    }

    /// The newest value.
    pub fn last(&self) -> Option<f64> {
        self.linear.last().map(|p| p.1)
    }

    /// Smallest and largest value ever pushed (not only the kept ones).
    pub fn range(&self) -> Option<(f64, f64)> {
        (self.min <= self.max).then_some((self.min, self.max))
    }

    /// One sample in how many is kept.
    pub fn stride(&self) -> u64 {
        self.stride
    }
}

/// The x coordinate of a step on a log axis (step 0 sits with step 1).
pub fn log_step(step: f64) -> f64 {
    step.max(1.0).log10()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_bounded_and_keeps_the_newest_point() {
        let mut s = Series::with_capacity(8);
        for i in 0..1000 {
            s.push(i as f64 * 100.0, i as f64);
            assert!(s.len() <= 9, "len {} at {i}", s.len());
            assert_eq!(s.last(), Some(i as f64));
        }
        assert!(s.stride() >= 128);
        // Evenly spread: the kept steps are multiples of the stride (all but the newest).
        let pts = s.points(false);
        for p in &pts[..pts.len() - 1] {
            assert_eq!((p.0 / 100.0) as u64 % s.stride(), 0, "{p:?}");
        }
        assert_eq!(pts[0].0, 0.0);
        assert_eq!(s.range(), Some((0.0, 999.0)));
    }

    #[test]
    fn keeps_everything_below_capacity() {
        let mut s = Series::with_capacity(16);
        for i in 0..16 {
            s.push(i as f64, 1.0);
        }
        assert_eq!(s.len(), 16);
        assert_eq!(s.stride(), 1);
    }

    #[test]
    fn log_axis_mirrors_linear() {
        let mut s = Series::with_capacity(4);
        for i in 0..50 {
            s.push(i as f64 * 10.0, 0.5);
        }
        assert_eq!(s.points(true).len(), s.points(false).len());
        assert_eq!(s.points(true)[0].0, 0.0);
        let last = s.points(true).last().unwrap().0;
        assert!((last - 490f64.log10()).abs() < 1e-12);
    }

    #[test]
    fn skips_non_finite() {
        let mut s = Series::default();
        s.push(1.0, f64::NAN);
        assert!(s.is_empty());
        assert_eq!(s.range(), None);
    }
}
