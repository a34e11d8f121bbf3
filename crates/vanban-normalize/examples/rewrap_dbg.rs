//! Development aid: print which lines of a file normalize differently.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let s = std::fs::read_to_string(&path).unwrap_or_default();
    let out = vanban_normalize::normalize_text(&s);
    for l in out.lines().filter(|l| {
        l.contains("Quán triệt, triển khai thực hiện nghiêm túc")
            || l.contains("Đầu mạnh công tác tuyên truyền")
    }) {
        println!("{l}\n");
    }
}
