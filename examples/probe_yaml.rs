fn main() {
    let cases = [
        "value: 80%\n", "value: \"80\"\n", "by: 2025-2030\n", "value: 1.200,5\n", "title:\n", "title: [a, b]\n", "capacity: khoảng 100\n", "by: năm 2025\n", "title: - a\n",
        "title: x\n# c\n  - y\n", "value: \n",
    ];
    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct X { title: Option<String>, value: Option<f64>, by: Option<i32>, capacity: Option<u32> }
    for c in cases {
        match serde_saphyr::from_str::<X>(c) {
            Ok(v) => println!("OK {c:?} => {v:?}"),
            Err(e) => println!("{c:?}\n   => {:?} loc={:?}\n", e.to_string().lines().next(), e.location().map(|l| (l.line(), l.column()))),
        }
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Y { title: String }
    println!("{:?}", serde_saphyr::from_str::<Y>("title:\n").map_err(|e| e.to_string()));
}
