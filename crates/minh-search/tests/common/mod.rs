//! Helpers shared by the integration tests: gzip sizes, index loading, synthetic documents.
#![allow(dead_code)]

use flate2::write::GzEncoder;
use flate2::Compression;
use minh_search::{Doc, Field, IndexFile, QueryPlan};
use std::io::Write;

/// Gzipped size of bytes (default compression, as a static server would serve them).
pub fn gz_len(bytes: &[u8]) -> usize {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).expect("gzip in memory");
    e.finish().expect("gzip in memory").len()
}

/// Gzipped bytes fetched by a query plan.
pub fn plan_gz(files: &[IndexFile], plan: &QueryPlan) -> usize {
    plan.paths()
        .filter_map(|p| files.iter().find(|f| f.path == p))
        .map(|f| gz_len(&f.bytes))
        .sum()
}

/// A document with a body only.
pub fn doc(url: &str, title: &str, body: &str) -> Doc<'static> {
    Doc {
        url: url.to_string(),
        title: title.to_string(),
        kind: "page".to_string(),
        fields: vec![(Field::Body, body.to_string().into())],
    }
}

const SYLLABLES: &str = "các và của cho người trong công tác được có này với những đến một tại \
    quản lý thực hiện tổ chức phòng chống hỗ trợ điều trị xã hội cộng đồng gia đình trung tâm \
    tỉnh thành phố kế hoạch chương trình nhân dân ủy ban đơn vị cơ quan địa phương năm tháng ngày \
    pháp luật chính sách dịch vụ y tế sức khỏe tư vấn giáo dục tuyên truyền nâng cao hiệu quả \
    triển khai kiểm tra giám sát báo cáo kết quả nhiệm vụ giải pháp mục tiêu đối tượng phối hợp \
    lao động thương binh công an quân đội biên phòng hải quan văn hóa thể thao du lịch nông thôn \
    học sinh sinh viên thanh niên phụ nữ trẻ em hòa nhập tái hòa việc làm dạy nghề vay vốn \
    sau không năng lực cán bộ chuyên trách tình nguyện bắt buộc tự nguyện hồ sơ quyết định";

/// Deterministic synthetic documents of about `words` words each from a small syllable mix;
/// some hold the phrases "cai nghiện", "ma túy", "Đồng Tháp", "Methadone".
pub fn synthetic_docs(n: usize, words: usize) -> Vec<Doc<'static>> {
    let vocab: Vec<&str> = SYLLABLES.split_whitespace().collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let extras = [
        "cai nghiện",
        "ma túy",
        "Đồng Tháp",
        "Methadone",
        "nghiện",
        "cai",
    ];
    (0..n)
        .map(|i| {
            let mut body = String::with_capacity(words * 6);
            for w in 0..words {
                let r = next();
                // Zipf-like: low indexes much more often.
                let k = ((r % 1000) as f64 / 1000.0).powi(3) * vocab.len() as f64;
                body.push_str(vocab[(k as usize).min(vocab.len() - 1)]);
                if r % 97 == 0 {
                    body.push(' ');
                    body.push_str(extras[(r / 97 % extras.len() as u64) as usize]);
                }
                body.push(if w % 15 == 14 { '.' } else { ' ' });
                body.push(' ');
            }
            let t1 = vocab[(next() % vocab.len() as u64) as usize];
            let t2 = vocab[(next() % vocab.len() as u64) as usize];
            doc(
                &format!("/vi/trang/{i}/"),
                &format!("Trang {i}: {t1} {t2}"),
                &body,
            )
        })
        .collect()
}
