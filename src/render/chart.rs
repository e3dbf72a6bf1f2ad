//! Bar charts as inline SVG made at build time: one small panel per series, bars by period, hidden figures not drawn.

use crate::xml::escape as xml;

/// One bar: its period label and, when published, its value and label.
pub struct Bar {
    pub label: String,
    /// `None` for a hidden or missing figure: nothing is drawn for it.
    pub value: Option<(f64, String)>,
}

/// One panel: a title and its bars.
pub struct Panel {
    pub title: String,
    pub bars: Vec<Bar>,
}

/// What a chart shows, for screen readers and the picture.
pub struct Chart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub panels: Vec<Panel>,
}

const WIDTH: f64 = 640.0;
const PANEL_H: f64 = 150.0;
const BAR_AREA: f64 = 96.0;
const TOP: f64 = 40.0;
const BAR_FILL: &str = "#0b4f9c";
const INK: &str = "#1b1b1b";
const AXIS: &str = "#6b7785";

/// The SVG markup of a chart; every text is escaped.
pub fn svg(chart: &Chart) -> String {
    let max = chart
        .panels
        .iter()
        .flat_map(|p| p.bars.iter().filter_map(|b| b.value.as_ref().map(|v| v.0)))
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let height = PANEL_H * chart.panels.len() as f64 + 10.0;
    let mut s = format!(
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        xml(&chart.title),
        xml(&chart.desc),
        id = xml(&chart.id),
    );
    for (i, p) in chart.panels.iter().enumerate() {
        panel(&mut s, p, i as f64 * PANEL_H, max);
    }
    s.push_str("</svg>");
    s
}

fn panel(s: &mut String, p: &Panel, y0: f64, max: f64) {
    let base = y0 + TOP + BAR_AREA;
    s.push_str(&format!(
        "<text x=\"4\" y=\"{:.0}\" font-size=\"15\" font-weight=\"bold\" fill=\"{INK}\">{}</text>",
        y0 + 18.0,
        xml(&p.title)
    ));
    s.push_str(&format!(
        "<line x1=\"4\" x2=\"{:.0}\" y1=\"{base:.1}\" y2=\"{base:.1}\" stroke=\"{AXIS}\" stroke-width=\"1\"/>",
        WIDTH - 4.0
    ));
    let n = p.bars.len().max(1) as f64;
    let slot = (WIDTH - 8.0) / n;
    for (j, b) in p.bars.iter().enumerate() {
        let cx = 4.0 + slot * (j as f64 + 0.5);
        s.push_str(&format!(
            "<text x=\"{cx:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
            base + 16.0,
            xml(&b.label)
        ));
        if let Some((v, label)) = &b.value {
            let h = (v / max * BAR_AREA).max(if *v > 0.0 { 1.0 } else { 0.0 });
            let w = (slot * 0.6).min(80.0);
            s.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{BAR_FILL}\"/><text x=\"{cx:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
                cx - w / 2.0,
                base - h,
                base - h - 4.0,
                xml(label)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_bars_leave_no_trace() {
        let c = Chart {
            id: "c".into(),
            title: "T".into(),
            desc: "D".into(),
            panels: vec![Panel {
                title: "P".into(),
                bars: vec![
                    Bar {
                        label: "2024".into(),
                        value: Some((1234.0, "1.234".into())),
                    },
                    Bar {
                        label: "2025".into(),
                        value: None,
                    },
                ],
            }],
        };
        let s = svg(&c);
        assert_eq!(s.matches("<rect").count(), 1);
        assert!(s.contains("role=\"img\"") && s.contains("<title id=\"c-title\">"));
        assert!(!s.contains("style"));
    }
}
