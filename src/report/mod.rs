//! Briefing reports: Markdown and self-contained HTML (to be written).
