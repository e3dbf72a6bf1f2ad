//! Provider lists from spreadsheets: a workbook (built here with rust_xlsxwriter) and a CSV file in
//! `content/facilities/`, one provider per row; mistakes named at sheet, row and column in both
//! languages; good rows build the same site, byte for byte, as the same providers written in YAML.

mod common;
use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::collections::BTreeMap;
use std::path::Path;

/// A cell of the test workbook.
#[derive(Clone)]
enum V {
    S(&'static str),
    N(f64),
    D(u16, u8, u8),
}

/// The header row (Vietnamese), and five providers.
const HEADERS: &[&str] = &[
    "Mã",
    "Tên cơ sở (vi)",
    "Tên cơ sở (en)",
    "Loại cơ sở",
    "Căn cứ",
    "Kế hoạch",
    "Nguồn công bố",
    "Ngày công bố",
    "Số nhà, đường",
    "Xã, phường (vi)",
    "Xã, phường (en)",
    "Tỉnh, thành phố",
    "Tỉnh cũ",
    "Huyện cũ",
    "Vĩ độ",
    "Kinh độ",
    "Điện thoại",
    "Ghi chú điện thoại (vi)",
    "Ghi chú điện thoại (en)",
    "Điện thoại 2",
    "Dịch vụ",
    "Miễn phí",
    "Ghi chú chi phí (vi)",
    "Ghi chú chi phí (en)",
    "Số chỗ",
    "Ngôn ngữ phục vụ",
    "Ngày kiểm tra",
    "Đơn vị kiểm tra",
    "Cách kiểm tra",
    "Trường suy ra",
];

fn providers() -> Vec<Vec<(&'static str, V)>> {
    use V::*;
    vec![
        vec![
            ("Mã", S("co-so-cao-lanh")),
            ("Tên cơ sở (vi)", S("Cơ sở cai nghiện Cao Lãnh")),
            ("Tên cơ sở (en)", S("Cao Lãnh treatment centre")),
            ("Loại cơ sở", S("voluntary_public")),
            ("Căn cứ", S("plan")),
            ("Kế hoạch", S("ke-hoach-thu")),
            ("Số nhà, đường", S("12 Lê Lợi")),
            ("Xã, phường (vi)", S("Phường Cao Lãnh")),
            ("Xã, phường (en)", S("Cao Lãnh Ward")),
            ("Tỉnh, thành phố", S("Đồng Tháp")),
            ("Tỉnh cũ", S("Đồng Tháp")),
            ("Vĩ độ", N(10.46)),
            ("Kinh độ", N(105.63)),
            ("Điện thoại", S("0277 3851 234")),
            ("Ghi chú điện thoại (vi)", S("Tiếp nhận")),
            ("Ghi chú điện thoại (en)", S("Admissions")),
            ("Dịch vụ", S("residential_treatment, counselling")),
            ("Miễn phí", S("có")),
            ("Số chỗ", N(120.0)),
            ("Ngày kiểm tra", D(2026, 10, 1)),
            ("Đơn vị kiểm tra", S("Nhóm biên tập")),
            ("Cách kiểm tra", S("phone_call")),
        ],
        vec![
            ("Mã", S("mau-da-nang")),
            ("Tên cơ sở (vi)", S("Cơ sở mẫu Đà Nẵng")),
            ("Tên cơ sở (en)", S("Sample service Đà Nẵng")),
            ("Loại cơ sở", S("community")),
            ("Căn cứ", S("sample")),
            ("Tỉnh, thành phố", S("Đà Nẵng")),
            ("Dịch vụ", S("after_care; peer_support")),
        ],
        vec![
            ("Mã", S("methadone-hai-chau")),
            ("Tên cơ sở (vi)", S("Cơ sở điều trị methadone Hải Châu")),
            ("Tên cơ sở (en)", S("Hải Châu methadone clinic")),
            ("Loại cơ sở", S("methadone")),
            ("Căn cứ", S("announced")),
            ("Nguồn công bố", S("Cổng thông tin điện tử thành phố")),
            ("Ngày công bố", D(2025, 8, 1)),
            ("Tỉnh, thành phố", S("Đà Nẵng")),
            ("Điện thoại", S("0236 3822 111")),
            ("Điện thoại 2", S("0905 123 456")),
            ("Dịch vụ", S("methadone")),
            ("Ngôn ngữ phục vụ", S("vi, en")),
        ],
        vec![
            ("Mã", S("tu-nhan-my-tho")),
            ("Tên cơ sở (vi)", S("Cơ sở cai nghiện tư nhân Mỹ Tho")),
            ("Tên cơ sở (en)", S("Mỹ Tho private treatment centre")),
            ("Loại cơ sở", S("voluntary_private")),
            ("Căn cứ", S("plan")),
            ("Kế hoạch", S("ke-hoach-thu")),
            ("Tỉnh, thành phố", S("Đồng Tháp")),
            ("Tỉnh cũ", S("Tiền Giang")),
            ("Miễn phí", S("không")),
            ("Ghi chú chi phí (vi)", S("Theo bảng giá của cơ sở")),
            ("Ghi chú chi phí (en)", S("As in the centre's price list")),
        ],
        vec![
            ("Mã", S("danh-gia-hoa-vang")),
            ("Tên cơ sở (vi)", S("Điểm đánh giá Hòa Vang")),
            ("Tên cơ sở (en)", S("Hòa Vang assessment point")),
            ("Loại cơ sở", S("assessment")),
            ("Căn cứ", S("plan")),
            ("Kế hoạch", S("ke-hoach-thu")),
            ("Tỉnh, thành phố", S("Đà Nẵng")),
            ("Huyện cũ", S("Hòa Vang")),
            ("Trường suy ra", S("address.former_district")),
        ],
    ]
}

/// The same provider written as a YAML record.
fn yaml(p: &[(&'static str, V)]) -> String {
    let m: BTreeMap<&str, V> = p.iter().cloned().collect();
    let s = |k: &str| match m.get(k) {
        Some(V::S(s)) => Some(s.to_string()),
        Some(V::N(n)) => Some(n.to_string()),
        Some(V::D(y, mo, d)) => Some(format!("{y:04}-{mo:02}-{d:02}")),
        None => None,
    };
    let q = |x: String| format!("\"{x}\"");
    let mut out = format!("id: {}\n", s("Mã").unwrap());
    match s("Căn cứ").as_deref() {
        Some("plan") => out += &format!("basis: {{plan: {}}}\n", s("Kế hoạch").unwrap()),
        Some("announced") => {
            out += &format!(
                "basis:\n  announced:\n    source: {{name: {}}}\n    date: {}\n",
                q(s("Nguồn công bố").unwrap()),
                s("Ngày công bố").unwrap()
            )
        }
        other => out += &format!("basis: {}\n", other.unwrap()),
    }
    out += &format!(
        "name: {{vi: {}, en: {}}}\nkind: {}\naddress:\n",
        q(s("Tên cơ sở (vi)").unwrap()),
        q(s("Tên cơ sở (en)").unwrap()),
        s("Loại cơ sở").unwrap()
    );
    if let Some(x) = s("Số nhà, đường") {
        out += &format!("  street: {}\n", q(x));
    }
    if let Some(x) = s("Xã, phường (vi)") {
        out += &format!(
            "  commune: {{vi: {}, en: {}}}\n",
            q(x),
            q(s("Xã, phường (en)").unwrap())
        );
    }
    out += &format!("  province: {}\n", q(s("Tỉnh, thành phố").unwrap()));
    if let Some(x) = s("Tỉnh cũ") {
        out += &format!("  former_province: {}\n", q(x));
    }
    if let Some(x) = s("Huyện cũ") {
        out += &format!("  former_district: {}\n", q(x));
    }
    if let (Some(a), Some(b)) = (s("Vĩ độ"), s("Kinh độ")) {
        out += &format!("geo: {{lat: {a}, lon: {b}}}\n");
    }
    if let Some(x) = s("Điện thoại") {
        out += &format!("phones:\n  - number: {}\n", q(x));
        if let Some(l) = s("Ghi chú điện thoại (vi)") {
            out += &format!(
                "    label: {{vi: {}, en: {}}}\n",
                q(l),
                q(s("Ghi chú điện thoại (en)").unwrap())
            );
        }
        if let Some(x) = s("Điện thoại 2") {
            out += &format!("  - number: {}\n", q(x));
        }
    }
    let list = |x: String| {
        x.split([',', ';'])
            .map(|i| i.trim().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(x) = s("Dịch vụ") {
        out += &format!("services: [{}]\n", list(x));
    }
    if let Some(x) = s("Miễn phí") {
        out += &format!("fees:\n  free: {}\n", x == "có");
        if let Some(n) = s("Ghi chú chi phí (vi)") {
            out += &format!(
                "  notes: {{vi: {}, en: {}}}\n",
                q(n),
                q(s("Ghi chú chi phí (en)").unwrap())
            );
        }
    }
    if let Some(x) = s("Số chỗ") {
        out += &format!("capacity: {x}\n");
    }
    if let Some(x) = s("Ngôn ngữ phục vụ") {
        out += &format!("languages: [{}]\n", list(x));
    }
    if let Some(x) = s("Ngày kiểm tra") {
        out += &format!(
            "verification: {{date: {x}, by: {}, method: {}}}\n",
            q(s("Đơn vị kiểm tra").unwrap()),
            s("Cách kiểm tra").unwrap()
        );
    }
    if let Some(x) = s("Trường suy ra") {
        out += &format!("inferred: [{x}]\n");
    }
    out
}

/// Writes a workbook: an instructions sheet (left alone by minh) and the providers' sheet.
fn workbook(path: &Path, sheet: &str, rows: &[Vec<(&'static str, V)>]) {
    let mut wb = Workbook::new();
    let help = wb.add_worksheet();
    help.set_name("Hướng dẫn").unwrap();
    help.write_string(0, 0, "Mỗi dòng một cơ sở; xem README.")
        .unwrap();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, p) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (k, v) in p {
            let c = HEADERS.iter().position(|h| h == k).expect(k) as u16;
            match v {
                V::S(s) => ws.write_string(r, c, *s).map(|_| ()),
                V::N(n) => ws.write_number(r, c, *n).map(|_| ()),
                V::D(y, m, d) => ws
                    .write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                        &date,
                    )
                    .map(|_| ()),
            }
            .unwrap();
        }
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    wb.save(path).unwrap();
}

fn build(root: &Path, lang: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_minh"))
        .args(["build", "--root"])
        .arg(root)
        .env("MINH_TODAY", "2026-11-25")
        .env("MINH_LANG", lang)
        .output()
        .expect("run minh")
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The providers' outputs that must not depend on how the records were written.
fn assert_same_site(a: &Path, b: &Path) {
    let (fa, fb) = (files(&a.join("public")), files(&b.join("public")));
    let ka: Vec<&String> = fa.keys().collect();
    let kb: Vec<&String> = fb.keys().collect();
    assert_eq!(ka, kb, "the same files");
    let differ: Vec<&String> = fa.keys().filter(|k| fa[*k] != fb[*k]).collect();
    assert!(differ.is_empty(), "files that differ: {differ:?}");
}

#[test]
fn good_rows_build_the_same_site_as_the_same_providers_in_yaml() {
    let rows = providers();
    let sheet_site = site();
    workbook(
        &sheet_site.path().join("content/facilities/co-so.xlsx"),
        "Cơ sở",
        &rows,
    );
    // The lock file Excel keeps beside an open workbook is not a provider list.
    write(
        sheet_site.path(),
        "content/facilities/~$co-so.xlsx",
        "locked by an editor",
    );
    let out = build(sheet_site.path(), "en");
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::remove_file(sheet_site.path().join("content/facilities/~$co-so.xlsx")).unwrap();
    let yaml_site = site();
    for p in &rows {
        let y = yaml(p);
        let id = y
            .lines()
            .next()
            .unwrap()
            .trim_start_matches("id: ")
            .to_string();
        write(
            yaml_site.path(),
            &format!("content/facilities/{id}.yaml"),
            &y,
        );
    }
    let out = build(yaml_site.path(), "en");
    assert!(out.status.success(), "{}", stderr(&out));
    for id in [
        "co-so-cao-lanh",
        "mau-da-nang",
        "methadone-hai-chau",
        "tu-nhan-my-tho",
        "danh-gia-hoa-vang",
    ] {
        assert!(
            sheet_site
                .path()
                .join(format!("public/vi/co-so/{id}/index.html"))
                .exists(),
            "{id} has its page"
        );
    }
    let page = std::fs::read_to_string(
        sheet_site
            .path()
            .join("public/en/services/co-so-cao-lanh/index.html"),
    )
    .unwrap();
    assert!(
        page.contains("Cao Lãnh treatment centre"),
        "English name column"
    );
    assert!(page.contains("tel:+842773851234"), "{page}");
    assert_same_site(sheet_site.path(), yaml_site.path());
}

/// The diagnostics of a build, in `lang`.
fn errors(root: &Path, lang: &str) -> String {
    let out = build(root, lang);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out)
}

#[test]
fn planted_mistakes_are_named_at_sheet_row_and_column_in_both_languages() {
    use V::*;
    let mut rows = providers();
    let bad = |id: &'static str, name: &'static str, province: &'static str, phone| {
        let mut r = vec![
            ("Mã", S(id)),
            ("Tên cơ sở (vi)", S(name)),
            ("Tên cơ sở (en)", S(name)),
            ("Loại cơ sở", S("community")),
            ("Căn cứ", S("plan")),
            ("Kế hoạch", S("ke-hoach-thu")),
            ("Tỉnh, thành phố", S(province)),
            ("Điện thoại", S(phone)),
        ];
        r.retain(|(_, v)| !matches!(v, S("")));
        r
    };
    rows.push(bad("so-sai", "Số sai", "Đà Nẵng", "0123")); // row 7: a bad phone
    rows.push(bad("tinh-la", "Tỉnh lạ", "Tỉnh Không Có", "0236 3822 111")); // row 8
    rows.push(bad("khong-ten", "", "Đà Nẵng", "0236 3822 111")); // row 9: no name
    rows.push(bad(
        "co-so-cao-lanh",
        "Trùng mã",
        "Đồng Tháp",
        "0277 3851 234",
    )); // row 10
    let mut as_number = bad("so-dang-so", "Số dạng số", "Đà Nẵng", "");
    as_number.push(("Điện thoại", N(2363822111.0))); // row 11: Excel dropped the 0
    rows.push(as_number);
    let dir = site();
    workbook(
        &dir.path().join("content/facilities/co-so.xlsx"),
        "Cơ sở",
        &rows,
    );
    let en = errors(dir.path(), "en");
    let f = "content/facilities/co-so.xlsx";
    for (row, column, code) in [
        (7, "Điện thoại", "invalid-phone"),
        (8, "Tỉnh, thành phố", "unknown-province"),
        (9, "Tên cơ sở (vi)", "missing-field"),
        (10, "Mã", "duplicate-id"),
        (11, "Điện thoại", "phone-as-number"),
    ] {
        let at = format!("{f}, sheet Cơ sở, row {row}, column {column}: error[{code}]");
        assert!(en.contains(&at), "{at} in:\n{en}");
    }
    assert!(
        en.contains("listed in two places: content/facilities/co-so.xlsx, sheet Cơ sở, row 10 and content/facilities/co-so.xlsx, sheet Cơ sở, row 2"),
        "{en}"
    );
    assert!(
        en.contains("`02363822111`"),
        "the fix names the number with its 0: {en}"
    );
    assert_eq!(
        en.matches("error[").count(),
        5,
        "only the planted mistakes: {en}"
    );
    let vi = errors(dir.path(), "vi");
    for (row, column, code) in [
        (7, "Điện thoại", "invalid-phone"),
        (8, "Tỉnh, thành phố", "unknown-province"),
        (9, "Tên cơ sở (vi)", "missing-field"),
        (10, "Mã", "duplicate-id"),
        (11, "Điện thoại", "phone-as-number"),
    ] {
        let at = format!("{f}, trang tính Cơ sở, dòng {row}, cột {column}: lỗi[{code}]");
        assert!(vi.contains(&at), "{at} in:\n{vi}");
    }
    assert!(vi.contains("điền ô của cột `Tên cơ sở (vi)`"), "{vi}");
    assert!(!dir.path().join("public").exists(), "nothing half-built");
}

#[test]
fn a_provider_in_yaml_and_in_a_row_is_an_error_naming_both() {
    let rows = providers();
    let dir = site();
    workbook(
        &dir.path().join("content/facilities/co-so.xlsx"),
        "Cơ sở",
        &rows,
    );
    write(
        dir.path(),
        "content/facilities/mau-da-nang.yaml",
        &yaml(&rows[1]),
    );
    let en = errors(dir.path(), "en");
    assert!(
        en.contains("the provider `mau-da-nang` is listed in two places: content/facilities/mau-da-nang.yaml and content/facilities/co-so.xlsx, sheet Cơ sở, row 3"),
        "{en}"
    );
}

#[test]
fn a_csv_with_field_names_reads_like_the_workbook_and_names_row_and_column() {
    let csv = "id,name.vi,name.en,kind,basis.plan,address.province,phones.number,phones.2.number,services\n\
co-so-cao-lanh,Cơ sở cai nghiện Cao Lãnh,Cao Lãnh treatment centre,voluntary_public,ke-hoach-thu,Đồng Tháp,0277 3851 234,,\"residential_treatment, counselling\"\n\
mau-sai,Cơ sở sai,Wrong one,voluntary_publik,ke-hoach-thu,Đồng Tháp,0277 3851 234,,\n\
so-sai,Số sai,Wrong number,voluntary_public,ke-hoach-thu,Đồng Tháp,0277 3851 234,12345,\n";
    let dir = site();
    write(dir.path(), "content/facilities/danh-sach.csv", csv);
    let en = errors(dir.path(), "en");
    let f = "content/facilities/danh-sach.csv";
    assert!(
        en.contains(&format!("{f}, row 3, column kind: error[")),
        "{en}"
    );
    assert!(
        en.contains(&format!(
            "{f}, row 4, column phones.2.number: error[invalid-phone]"
        )),
        "{en}"
    );
    assert!(
        en.contains("voluntary_public"),
        "the fix names the code: {en}"
    );
    // Saved by Excel (CRLF line endings): the same rows are named.
    write(
        dir.path(),
        "content/facilities/danh-sach.csv",
        &csv.replace('\n', "\r\n"),
    );
    let crlf = errors(dir.path(), "en");
    for row in [
        "row 3, column kind: error[",
        "row 4, column phones.2.number: error[",
    ] {
        assert!(crlf.contains(&format!("{f}, {row}")), "{row}: {crlf}");
    }
    // Without the bad row it builds, with the second language from its own column.
    let good: String = csv.lines().take(2).map(|l| format!("{l}\n")).collect();
    write(dir.path(), "content/facilities/danh-sach.csv", &good);
    let out = build(dir.path(), "en");
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(
        dir.path()
            .join("public/en/services/co-so-cao-lanh/index.html"),
    )
    .unwrap();
    assert!(page.contains("Cao Lãnh treatment centre"));
}

#[test]
fn a_title_above_the_header_row_is_left_alone() {
    let dir = site();
    write(
        dir.path(),
        "content/facilities/ds.csv",
        "DANH SÁCH CƠ SỞ CAI NGHIỆN,,,,\n,,,,\nMã,Tên cơ sở,Loại cơ sở,Căn cứ,\"Tỉnh, thành phố\"\nmau-x,Mẫu X,community,sample,Đà Nẵngg\n",
    );
    let en = errors(dir.path(), "en");
    assert!(
        en.contains(
            "content/facilities/ds.csv, row 4, column Tỉnh, thành phố: error[unknown-province]"
        ),
        "rows counted from the top of the file: {en}"
    );
}

#[test]
fn an_unknown_column_is_named_with_the_nearest_one() {
    let dir = site();
    write(
        dir.path(),
        "content/facilities/ds.csv",
        "Mã,Tên cơ sở,Loại cơ sở,Căn cứ,Tinh thanh pho,Dien thoaii\nx,Y,community,sample,Đà Nẵng,\n",
    );
    let en = errors(dir.path(), "en");
    assert!(
        en.contains("content/facilities/ds.csv, row 1, column Dien thoaii: error[unknown-column]"),
        "{en}"
    );
    assert!(en.contains("`Điện thoại`"), "nearest column named: {en}");
    assert!(
        !en.contains("column Tinh thanh pho"),
        "headers are read without diacritics too: {en}"
    );
}

#[test]
fn decomposed_text_in_cells_is_normalised() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = "Đà Nẵng".nfd().collect();
    let dir = site();
    write(
        dir.path(),
        "content/facilities/ds.csv",
        &format!("id,name,kind,basis,address.province\nmau-x,Mẫu X,community,sample,{nfd}\n"),
    );
    let out = build(dir.path(), "en");
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_basis_column_takes_the_words_an_official_types() {
    let dir = site();
    let head = "Mã,Tên cơ sở,Loại cơ sở,Căn cứ,Kế hoạch,\"Tỉnh, thành phố\"\n";
    // "Mẫu", "MAU" and "sample" all mean `sample`, "Theo ke hoach" `plan`: case and diacritics
    // do not matter.
    write(
        dir.path(),
        "content/facilities/ds.csv",
        &format!("{head}mau-x,Mẫu X,community,Mẫu,,Đà Nẵng\nmau-y,Mẫu Y,community,MAU,,Đồng Tháp\nmau-z,Mẫu Z,community,sample,,Đồng Tháp\nmau-k,Mẫu K,community,Theo ke hoach,ke-hoach-thu,Đồng Tháp\n"),
    );
    let out = build(dir.path(), "vi");
    assert!(out.status.success(), "{}", stderr(&out));
    for (id, basis) in [
        ("mau-x", "sample"),
        ("mau-y", "sample"),
        ("mau-z", "sample"),
        ("mau-k", "plan"),
    ] {
        let page =
            std::fs::read_to_string(dir.path().join(format!("public/vi/co-so/{id}/index.html")))
                .expect("provider page");
        assert!(
            page.contains(&format!("basis basis-{basis}")),
            "{id} is shown with basis {basis}"
        );
    }
    // A word that is none of them: the fix lists the Vietnamese words, both languages.
    write(
        dir.path(),
        "content/facilities/ds.csv",
        &format!("{head}mau-x,Mẫu X,community,Dữ liệu thử,,Đà Nẵng\n"),
    );
    let vi = errors(dir.path(), "vi");
    assert!(
        vi.contains("content/facilities/ds.csv, dòng 2, cột Căn cứ: lỗi[unknown-value]: căn cứ `Dữ liệu thử`"),
        "{vi}"
    );
    for word in ["`công bố`", "`theo kế hoạch`", "`mẫu`"] {
        assert!(vi.contains(word), "{word} listed: {vi}");
    }
    let en = errors(dir.path(), "en");
    assert!(en.contains("write one of: `công bố`"), "{en}");
}

#[test]
fn a_province_cell_is_fixed_in_the_words_of_a_spreadsheet() {
    let dir = site();
    write(
        dir.path(),
        "content/facilities/ds.csv",
        "Mã,Tên cơ sở,Loại cơ sở,Căn cứ,\"Tỉnh, thành phố\"\nmau-x,Mẫu X,community,mẫu,Dong Thap\nmau-y,Mẫu Y,community,mẫu,Quảng Nam\n",
    );
    let vi = errors(dir.path(), "vi");
    assert!(
        vi.contains("dòng 2, cột Tỉnh, thành phố: lỗi[unknown-province]"),
        "{vi}"
    );
    assert!(vi.contains("cách sửa: viết Đồng Tháp vào cột này"), "{vi}");
    assert!(
        vi.contains("viết Đà Nẵng vào cột này, và Quảng Nam vào cột Tỉnh cũ"),
        "{vi}"
    );
    let en = errors(dir.path(), "en");
    assert!(en.contains("fix: write Đồng Tháp in this column"), "{en}");
    assert!(
        en.contains("write Đà Nẵng in this column, and Quảng Nam in the column Tỉnh cũ"),
        "{en}"
    );
    for text in [&vi, &en] {
        assert!(
            !text.contains("province: \""),
            "no YAML in a spreadsheet's fix: {text}"
        );
    }
}
