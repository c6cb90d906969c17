//! Lookups per second of the lexicon inside Rust (no Python call per lookup): what the ported
//! engine will see.
//!
//!     cargo run --release --example bench_lexicon -- DATA_DIR WORDS.txt
//!
//! WORDS.txt: one query a line (`bench/core_lexicon.py --dump-words` writes the bench's words).

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use korrektor_core::lexicon::Lexicon;

fn best_rate(items: &[String], repeat: usize, mut f: impl FnMut(&str) -> u64) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..repeat {
        let t = Instant::now();
        let mut acc = 0u64;
        for w in items {
            acc = acc.wrapping_add(f(w));
        }
        black_box(acc);
        best = best.min(t.elapsed().as_secs_f64());
    }
    items.len() as f64 / best
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, words] = &args[..] else {
        eprintln!("usage: bench_lexicon DATA_DIR WORDS.txt");
        std::process::exit(2);
    };
    let t = Instant::now();
    let lex = Lexicon::load(Path::new(dir), true).expect("load");
    println!(
        "load ({:?}): {:.3} ms",
        lex.origin(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let text = std::fs::read_to_string(words).expect("words");
    let (tokens, prefixes): (Vec<String>, Vec<String>) = {
        let mut t = Vec::new();
        let mut p = Vec::new();
        for line in text.lines() {
            match line.split_once('\t') {
                Some(("t", w)) => t.push(w.to_string()),
                Some(("p", w)) => p.push(w.to_string()),
                _ => {}
            }
        }
        (t, p)
    };
    let r = 5;
    println!(
        "count      {:8.2} M/s",
        best_rate(&tokens, r, |w| lex.count(w)) / 1e6
    );
    println!(
        "contains   {:8.2} M/s",
        best_rate(&tokens, r, |w| u64::from(lex.contains(w))) / 1e6
    );
    println!(
        "word_id    {:8.2} M/s",
        best_rate(&tokens, r, |w| u64::from(lex.word_id(w).unwrap_or(0))) / 1e6
    );
    println!(
        "has_prefix {:8.2} M/s",
        best_rate(&prefixes, r, |p| u64::from(lex.has_prefix(p))) / 1e6
    );
}
