//! The words officials write for coded values and field names ("kế hoạch", "tự nguyện", "tiêu đề"),
//! mapped to the codes and fields minh uses, so that a fix can name the exact value.

use crate::slug::fold;

/// Folded Vietnamese (and common English) phrases → the code they mean.
const VALUES: &[(&str, &str)] = &[
    // kinds of legal acts
    ("luat", "law"),
    ("bo luat", "law"),
    ("nghi dinh", "decree"),
    ("quyet dinh", "decision"),
    ("chi thi", "directive"),
    ("thong tu", "circular"),
    ("nghi quyet", "resolution"),
    ("ke hoach", "plan"),
    // area levels
    ("tinh", "province"),
    ("cap tinh", "province"),
    ("thanh pho", "province"),
    ("huyen", "district"),
    ("cap huyen", "district"),
    ("quan", "district"),
    ("thi xa", "district"),
    ("xa", "commune"),
    ("cap xa", "commune"),
    ("phuong", "commune"),
    ("thi tran", "commune"),
    // kinds of providers
    ("co so cai nghien cong lap", "compulsory_center"),
    ("co so cai nghien ma tuy cong lap", "compulsory_center"),
    ("cai nghien bat buoc", "compulsory_center"),
    ("bat buoc", "compulsory_center"),
    ("cai nghien tu nguyen", "voluntary_public"),
    ("cai nghien tu nguyen", "voluntary_private"),
    ("tu nguyen", "voluntary_public"),
    ("tu nguyen", "voluntary_private"),
    ("tu nguyen cong lap", "voluntary_public"),
    ("cai nghien tu nguyen cong lap", "voluntary_public"),
    ("tu nguyen tu nhan", "voluntary_private"),
    ("tu nguyen ngoai cong lap", "voluntary_private"),
    ("cai nghien tu nguyen ngoai cong lap", "voluntary_private"),
    ("ngoai cong lap", "voluntary_private"),
    ("tu nhan", "voluntary_private"),
    ("cong dong", "community"),
    ("cai nghien tai cong dong", "community"),
    ("cai nghien tai gia dinh va cong dong", "community"),
    ("diem tu van", "community"),
    ("methadone", "methadone"),
    ("dieu tri methadone", "methadone"),
    ("co so dieu tri methadone", "methadone"),
    ("dieu tri thay the", "methadone"),
    ("xac dinh tinh trang nghien", "assessment"),
    ("xac dinh nghien", "assessment"),
    ("truong giao duong", "reform_school"),
    // services
    ("cai nghien noi tru", "residential_treatment"),
    ("noi tru", "residential_treatment"),
    ("cat con", "detox"),
    ("giai doc", "detox"),
    ("tu van", "counselling"),
    ("sau cai", "after_care"),
    ("quan ly sau cai", "after_care"),
    ("ho tro sau cai", "after_care"),
    ("day nghe", "vocational_training"),
    ("hoc nghe", "vocational_training"),
    ("ho tro gia dinh", "family_support"),
    ("hiv", "hiv_care"),
    ("dieu tri hiv", "hiv_care"),
    ("dong dang", "peer_support"),
    ("ho tro dong dang", "peer_support"),
    // costs
    ("mien phi", "free"),
    ("khong mat phi", "free"),
    ("co phi", "charged"),
    ("thu phi", "charged"),
    ("mat phi", "charged"),
    // languages
    ("tieng viet", "vi"),
    ("tieng anh", "en"),
];

/// Folded Vietnamese field names → the field.
const FIELDS: &[(&str, &str)] = &[
    ("tieu de", "title"),
    ("ten", "name"),
    ("ten", "title"),
    ("so", "number"),
    ("so hieu", "number"),
    ("so ky hieu", "number"),
    ("co quan ban hanh", "issuer"),
    ("noi ban hanh", "issuer"),
    ("ngay ban hanh", "issued"),
    ("ngay ky", "issued"),
    ("ngay", "date"),
    ("nguoi ky", "signer"),
    ("tom tat", "summary"),
    ("trich yeu", "summary"),
    ("can cu", "legal_basis"),
    ("can cu phap ly", "legal_basis"),
    ("chi tieu", "targets"),
    ("muc tieu", "targets"),
    ("thoi gian", "period"),
    ("giai doan", "period"),
    ("thoi ky", "period"),
    ("dia ban", "area"),
    ("pham vi", "area"),
    ("tinh", "province"),
    ("tinh hien nay", "current_province"),
    ("tinh moi", "current_province"),
    ("tinh cu", "former_province"),
    ("xa", "commune"),
    ("huyen", "district"),
    ("cap", "level"),
    ("ban nhap", "draft"),
    ("nguon", "source"),
    ("loai", "kind"),
    ("dia chi", "address"),
    ("dien thoai", "phones"),
    ("so dien thoai", "phones"),
    ("gio lam viec", "hours"),
    ("dich vu", "services"),
    ("chi phi", "fees"),
    ("phi", "fees"),
    ("don vi", "unit"),
    ("gia tri", "value"),
    ("nam", "by"),
    ("den nam", "by"),
    ("chi so", "measure"),
    ("ma", "id"),
];

fn key(s: &str) -> String {
    fold(s.trim())
        .to_lowercase()
        .replace(['_', '-', '.', ','], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn lookup(table: &[(&str, &'static str)], word: &str, allowed: &[&str]) -> Vec<&'static str> {
    let k = key(word);
    let mut out: Vec<&'static str> = Vec::new();
    // A code written with other capitals or separators (`Voluntary-Public`).
    for a in allowed {
        if key(a) == k {
            if let Some((_, code)) = table.iter().find(|(_, c)| c == a) {
                out.push(code);
            }
        }
    }
    if !out.is_empty() {
        return out;
    }
    for (phrase, code) in table {
        if *phrase == k && allowed.contains(code) && !out.contains(code) {
            out.push(code);
        }
    }
    out
}

/// The codes among `allowed` that `word` may mean; several when it is ambiguous.
pub fn value(word: &str, allowed: &[&str]) -> Vec<&'static str> {
    let found = lookup(VALUES, word, allowed);
    if !found.is_empty() {
        return found;
    }
    // A code written with capitals or dashes that is not in the table.
    allowed
        .iter()
        .filter(|a| key(a) == key(word))
        .filter_map(|a| VALUES.iter().map(|(_, c)| *c).find(|c| c == a))
        .take(1)
        .collect()
}

/// The field among `allowed` that `word` (a Vietnamese field name, or a field with capitals) means.
pub fn field(word: &str, allowed: &[&str]) -> Option<&'static str> {
    let k = key(word);
    FIELDS
        .iter()
        .find(|(phrase, f)| *phrase == k && allowed.contains(f))
        .map(|(_, f)| *f)
        .or_else(|| {
            FIELDS
                .iter()
                .map(|(_, f)| *f)
                .find(|f| key(f) == k && allowed.contains(f))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_words_become_codes() {
        let kinds = ["law", "decree", "decision", "plan"];
        assert_eq!(value("kế hoạch", &kinds), vec!["plan"]);
        assert_eq!(value("Nghị định", &kinds), vec!["decree"]);
        let providers = ["voluntary_public", "voluntary_private", "community"];
        assert_eq!(
            value("cai nghiện tự nguyện", &providers),
            vec!["voluntary_public", "voluntary_private"]
        );
        assert_eq!(
            value("Voluntary-Public", &providers),
            vec!["voluntary_public"]
        );
        assert!(value("xyz", &providers).is_empty());
    }

    #[test]
    fn vietnamese_field_names_become_fields() {
        assert_eq!(field("Tiêu đề", &["title", "summary"]), Some("title"));
        assert_eq!(field("ngày ban hành", &["issued"]), Some("issued"));
        assert_eq!(field("Title", &["title"]), Some("title"));
        assert_eq!(field("tên", &["title"]), Some("title"));
    }
}
