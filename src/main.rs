fn main() {
    let args: Vec<String> = std::env::args().collect();
    let d: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(64);
    let r = groktop::bench::bench_width(d, 3000, 5, 20);
    println!("{r:?}");
}
