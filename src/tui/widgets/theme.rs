//! Styles. Colour is restrained and never the only carrier of meaning: every coloured thing
//! also has a label or a marker, and `NO_COLOR` (https://no-color.org) turns colour off.

use crate::analysis::{EventKind, Phase};
use crate::report::SERIES_RGB;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value.
    pub fn from_env() -> Self {
        Self {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// Line `i` of a figure: the report's colour for it (black, invisible on dark terminals,
    /// becomes the terminal's own foreground).
    pub fn series(&self, i: usize) -> Style {
        let (r, g, b) = SERIES_RGB[i % SERIES_RGB.len()];
        let c = if (r, g, b) == (0, 0, 0) {
            Color::Reset
        } else {
            Color::Rgb(r, g, b)
        };
        self.fg(c)
    }

    /// Line `i`'s marker: braille with colour; without colour, braille and dots alternate so
    /// neighbouring lines stay apart.
    pub fn series_marker(&self, i: usize) -> Marker {
        if !self.color && i % 2 == 1 {
            Marker::Dot
        } else {
            Marker::Braille
        }
    }

    /// Line `i`'s sample in a legend, matching [`Theme::series_marker`].
    pub fn series_glyph(&self, i: usize) -> &'static str {
        marker_glyph(self.series_marker(i))
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn border_focus(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn train(&self) -> Style {
        self.fg(Color::Blue)
    }
    /// The paper's val (twin pairs included); without colour it is dim, so that it and the
    /// twin-free line, both braille, still read as two lines.
    pub fn val(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    pub fn rule(&self) -> Style {
        self.fg(Color::Cyan)
    }
    /// The twin-free val accuracy: the val the phases are judged on (`data::twins`).
    /// Without colour it is bold, beside the dim paper's val.
    pub fn twin_free(&self) -> Style {
        if self.color {
            Style::new().fg(Color::LightGreen)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }
    pub fn memorize(&self) -> Style {
        self.fg(Color::Red)
    }
    pub fn norm(&self) -> Style {
        self.fg(Color::Magenta)
    }
    /// Faint: the compare view's min–max band and the seeds not selected.
    pub fn band(&self) -> Style {
        self.dim()
    }
    /// The run view's step cursor.
    pub fn cursor(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    /// The compare view's mean line.
    pub fn mean(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn event(&self) -> Style {
        self.fg(Color::Red)
    }
    pub fn paused(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }
    pub fn bad(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn good(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
    pub fn gauge(&self) -> Style {
        self.fg(Color::Green)
    }

    /// Train is drawn with dots and val with a braille line, with colour or without, so
    /// that the two read apart for colour-blind eyes and on monochrome terminals alike.
    pub fn train_marker(&self) -> Marker {
        Marker::Dot
    }

    pub fn phase(&self, p: Phase) -> Style {
        let c = match p {
            Phase::Undecided => return self.dim(),
            Phase::Grokking | Phase::Comprehension => Color::Green,
            Phase::Progression => Color::Cyan,
            Phase::SemiGrokking => Color::Yellow,
            Phase::Ungrokking | Phase::Diverged => Color::Red,
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }

    /// A heat-map block of a phase: its colour as the background (nothing without colour;
    /// the letter of [`phase_letter`] carries the phase either way).
    pub fn phase_cell(&self, p: Phase) -> Style {
        if !self.color {
            return Style::new();
        }
        let c = match p {
            Phase::Undecided => Color::DarkGray,
            Phase::Grokking => Color::Green,
            Phase::Comprehension => Color::LightGreen,
            Phase::Progression => Color::Cyan,
            Phase::SemiGrokking => Color::Yellow,
            Phase::Ungrokking => Color::Red,
            Phase::Diverged => Color::Magenta,
        };
        Style::new().bg(c).fg(Color::Black)
    }
}

/// The letter of a phase on the sweep map, so that it reads without colour.
pub fn phase_letter(p: Phase) -> &'static str {
    match p {
        Phase::Progression => "P",
        Phase::Ungrokking => "U",
        Phase::Grokking => "G",
        Phase::SemiGrokking => "S",
        Phase::Comprehension => "C",
        Phase::Undecided => "?",
        Phase::Diverged => "!",
    }
}

/// The one- or two-letter mark drawn at an event's step.
/// The glyph that stands for a line drawn with `marker` in a legend: the one it is drawn
/// with, so that a legend never shows a sample (━, ┄) that appears nowhere on the chart.
pub fn marker_glyph(marker: Marker) -> &'static str {
    match marker {
        Marker::Dot => "•",
        _ => "⣿",
    }
}

pub fn event_mark(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Memorized => "M",
        EventKind::GeneralizationOnset => "O",
        EventKind::Generalized => "G",
        EventKind::Plateau => "P",
        EventKind::NormRising => "↑",
        EventKind::NormFalling => "↓",
        EventKind::CircuitForming => "F",
    }
}
