//! The bottom layer: the types every part of the UI speaks in (what a key means, which
//! screen is shown, what a click hit, how a key is bound). It imports nothing else in `tui/`,
//! so anything may import it.

mod action;
mod binding;
mod hit;
mod screen;

pub use action::Action;
pub use binding::{BarEntry, Binding, DOWN_KEYS, KeyContext, UP_KEYS, bind};
pub use hit::Hit;
pub use screen::Screen;
