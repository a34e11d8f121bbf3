//! The root package is the `vanban` binary (`cargo build --release`, `cargo install --path .`),
//! with its end-to-end tests in crates/vanban-cli/tests/ listed one by one in Cargo.toml.
use vanban_tests::repo_path;

#[test]
fn every_cli_test_file_is_a_declared_test_target() {
    let manifest = std::fs::read_to_string(repo_path("Cargo.toml")).unwrap();
    let dir = repo_path("crates/vanban-cli/tests");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".rs"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    for f in &files {
        let declared = format!("path = \"crates/vanban-cli/tests/{f}\"");
        assert!(
            manifest.contains(&declared),
            "crates/vanban-cli/tests/{f} is not run: add a [[test]] with `{declared}` to the root Cargo.toml"
        );
    }
}

#[test]
fn the_root_package_builds_the_vanban_binary() {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_vanban"));
    assert_eq!(bin.file_stem().and_then(|s| s.to_str()), Some("vanban"));
    let out = std::process::Command::new(bin)
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("vanban "));
}
