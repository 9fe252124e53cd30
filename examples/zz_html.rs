fn main() {
    let n: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let html = format!(
        "<html><body>{}<p>The mayor said so.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let t = std::time::Instant::now();
    let page = scraper::Html::parse_document(&html);
    eprintln!("parse {n}: {:.2}s", t.elapsed().as_secs_f64());
    let t = std::time::Instant::now();
    let d = stancegraph::ingest::html::parse(std::path::Path::new("x.html"), &html);
    eprintln!(
        "full {n}: {:.2}s {:?}",
        t.elapsed().as_secs_f64(),
        d.map(|d| d.text)
    );
    drop(page);
}
