//! Behaviour of the built-in rules on made-up sentences, user rules files,
//! and malformed files.

use std::io::Write;
use std::sync::OnceLock;

use nerbench_core::{Document, Extractor, Label};
use nerbench_regex_rules::{RegexRules, RulesError};

fn found(rules: &RegexRules, text: &str) -> Vec<(String, String)> {
    let entities = rules.extract(&Document::new("t", text));
    assert!(nerbench_core::overlaps(&entities).is_empty(), "flat output");
    entities
        .into_iter()
        .map(|e| (e.label.to_string(), e.text))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(l, t)| (l.to_string(), t.to_string()))
        .collect()
}

/// Compiled once: compiling every rule takes a while in a debug build.
fn builtin() -> &'static RegexRules {
    static RULES: OnceLock<RegexRules> = OnceLock::new();
    RULES.get_or_init(|| RegexRules::builtin().expect("built-in rules compile"))
}

#[test]
fn builtin_rules_have_unique_ids_and_comments() {
    let rules = builtin();
    let mut ids: Vec<&str> = rules.rules().map(|r| r.id.as_str()).collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count);
    assert!(rules.rules().all(|r| r.comment.len() > 20));
    assert_eq!(rules.labels(), [Label::Per, Label::Org, Label::Loc]);
    assert_eq!(rules.name(), "regex");
}

#[test]
fn titles_stay_outside_names_across_no_break_spaces() {
    let text =
        "Presiden Prancis\u{a0}Emmanuel Macron bertemu Menteri Luar Negeri Rusia, Sergei Lavrov.";
    assert_eq!(
        found(builtin(), text),
        pairs(&[("PER", "Emmanuel Macron"), ("PER", "Sergei Lavrov")])
    );
}

#[test]
fn a_qualifier_alone_is_not_a_name() {
    // "Brasil" after a title, with no name following, is not a person.
    assert_eq!(
        found(
            builtin(),
            "Presiden Brasil itu berbicara kepada pemimpin Jepang."
        ),
        pairs(&[])
    );
}

#[test]
fn curly_quotes_do_not_join_words() {
    let text = "“Kami siap,” kata Subianto. Ia mengutip “Bloomberg”.";
    assert_eq!(found(builtin(), text), pairs(&[("PER", "Subianto")]));
}

#[test]
fn joined_places_are_not_one_name() {
    // A hyphenated pair is never taken as one place after a descriptor.
    let text = "Jalur Jakarta-Surabaya diperbaiki di ibu kota Jakarta-Surabaya.";
    assert_eq!(found(builtin(), text), pairs(&[("LOC", "Jakarta")]));
}

#[test]
fn names_glued_to_other_words_are_not_cut() {
    // "kataAnwar" is one token: no attribution; "Presidenku" is not a title.
    let text = "Ia berkata kataAnwar Ibrahim. Presidenku Joko Widodo datang.";
    assert_eq!(found(builtin(), text), pairs(&[]));
}

#[test]
fn non_ascii_letters_belong_to_words() {
    let text = "Sampul (foto: Thomas Müller) dan Penulis: Zoë Kravitz.";
    assert_eq!(
        found(builtin(), text),
        pairs(&[("PER", "Thomas Müller"), ("PER", "Zoë Kravitz")])
    );
}

#[test]
fn organisations_places_and_datelines() {
    let text = "Judul berita\nJakarta, Kompas - Komisi Pemberantasan Korupsi (KPK) memanggil \
                pejabat Provinsi Jawa Barat, menurut laporan AFP.\n\nSumber: Antara/ab";
    assert_eq!(
        found(builtin(), text),
        pairs(&[
            ("LOC", "Jakarta"),
            ("ORG", "Kompas"),
            ("ORG", "Komisi Pemberantasan Korupsi"),
            ("ORG", "KPK"),
            ("LOC", "Provinsi Jawa Barat"),
            ("ORG", "AFP"),
            ("ORG", "Antara"),
        ])
    );
}

#[test]
fn aliases_spread_both_ways_in_a_document() {
    let text = "Widodo tiba. Presiden Joko Widodo berpidato. Widodo lalu pergi; Widodonya tidak.";
    assert_eq!(
        found(builtin(), text),
        pairs(&[("PER", "Widodo"), ("PER", "Joko Widodo"), ("PER", "Widodo")])
    );
}

#[test]
fn day_names_are_trimmed_from_names() {
    assert_eq!(
        found(builtin(), "Hal itu disampaikan kata Subianto Senin lalu."),
        pairs(&[("PER", "Subianto")])
    );
}

#[test]
fn a_name_ends_before_a_stop_word_and_users_add_their_own() {
    // A title-case headline: the title rule would read on into the verb.
    let headline = "Presiden Jokowi Resmikan Tol Baru di Sumatera";
    assert_eq!(found(builtin(), headline), pairs(&[("PER", "Jokowi")]));
    assert!(found(builtin(), "Wali Kota Minta Warga Waspada Banjir")
        .iter()
        .all(|(label, _)| label != "PER"));
    // A user's stop word adds to the built-in ones.
    builtin_then_user(
        "[names]\nstop = [\"Hadir\"]\n",
        "kata Budi Santoso Hadir di sana.",
        &[("PER", "Budi Santoso Hadir")],
        &[("PER", "Budi Santoso")],
    );
}

/// Asserts what the built-in rules find in `text`, and what they find with
/// the user file `file` added.
fn builtin_then_user(file: &str, text: &str, before: &[(&str, &str)], after: &[(&str, &str)]) {
    assert_eq!(found(builtin(), text), pairs(before));
    let user = RegexRules::from_toml(&[("user.toml", file)], false).unwrap();
    assert_eq!(found(&user, text), pairs(after));
}

#[test]
fn trim_phrases_of_several_words_are_trimmed_whole() {
    // "Sementara itu" (meanwhile) opens the sentence; "Kombes Pol" is one
    // rank, of which "Pol" alone is no trim word.
    assert_eq!(
        found(builtin(), "Sementara itu Budi Santoso mengatakan hal lain."),
        pairs(&[("PER", "Budi Santoso")])
    );
    // A user's phrase: without it only the stop word "Ini" ends the name.
    builtin_then_user(
        "[names]\ntrim = [\"Hari Ini\"]\n",
        "kata Budi Santoso Hari Ini.",
        &[("PER", "Budi Santoso Hari")],
        &[("PER", "Budi Santoso")],
    );
}

#[test]
fn a_name_starts_again_after_a_rank_inside_it() {
    // The title rule reads the rest of the police's name into the person's;
    // the rank after it (a phrase of two words) ends that part.
    let text =
        "Kabid Humas Polda Metro Jaya Kombes Pol Andi Wijaya mengatakan pelaku sudah ditahan.";
    assert_eq!(
        found(builtin(), text),
        pairs(&[("ORG", "Polda Metro Jaya"), ("PER", "Andi Wijaya")])
    );
    // The last word of a firm's name ends it too: no person's name holds
    // "Sekuritas" (the firm itself is no ORG for the rules yet).
    let text = "Analis Nusa Kapital Sekuritas Rudi Hartono memperkirakan indeks saham melemah.";
    assert_eq!(found(builtin(), text), pairs(&[("PER", "Rudi Hartono")]));
    // A user's list of restart words; a word of it at the very end is left
    // to trimming.
    builtin_then_user(
        "[words]\nHONORIFIC = [\"Haji\"]\n[names]\nrestart_lists = [\"HONORIFIC\"]\n",
        "kata Budi Haji Santoso Rahmat.",
        &[("PER", "Budi Haji Santoso Rahmat")],
        &[("PER", "Santoso Rahmat")],
    );
}

const EXTRA: &str = r#"
[words]
TEAM = ["Persija", "Persib"]

[[rule]]
id = "club"
label = "ORG"
pattern = '''klub{{S}}({{TEAM}})'''
group = 1
priority = 80
comment = "Football clubs after 'klub'."

[[rule]]
id = "the-west"
label = "LOC"
pattern = '''\p{Ll}+[ ]+(Timur)'''
group = 1
priority = 35
comment = "Overrides the built-in rule of that id: 'Timur' as the East."
"#;

#[test]
fn user_rules_extend_and_override_the_builtin_set() {
    let rules = RegexRules::from_toml(&[("extra.toml", EXTRA)], false).unwrap();
    assert_eq!(rules.rules().count(), builtin().rules().count() + 1);
    let west = rules.rules().find(|r| r.id == "the-west").unwrap();
    assert_eq!(west.origin, "extra.toml:14");
    let text = "Presiden Joko Widodo menonton klub Persija melawan negara Timur, bukan Barat.";
    assert_eq!(
        found(&rules, text),
        pairs(&[("PER", "Joko Widodo"), ("ORG", "Persija"), ("LOC", "Timur"),])
    );
}

#[test]
fn user_rules_can_replace_the_builtin_set() {
    let rules = RegexRules::from_toml(&[("extra.toml", EXTRA)], true).unwrap();
    let ids: Vec<&str> = rules.rules().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["club", "the-west"]);
    assert_eq!(rules.labels(), [Label::Org, Label::Loc]);
    let text = "Presiden Joko Widodo menonton klub Persib.";
    assert_eq!(found(&rules, text), pairs(&[("ORG", "Persib")]));
}

#[test]
fn user_rules_load_from_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("extra.toml");
    std::fs::File::create(&path)
        .unwrap()
        .write_all(EXTRA.as_bytes())
        .unwrap();
    let rules = RegexRules::from_files(&[&path], true).unwrap();
    assert_eq!(rules.rules().count(), 2);
    let settings = nerbench_core::Settings {
        rule_files: vec![path.clone()],
        ..Default::default()
    };
    let extended = RegexRules::from_settings(&settings).unwrap();
    assert_eq!(extended.rules().count(), builtin().rules().count() + 1);

    let missing = dir.path().join("missing.toml");
    let err = RegexRules::from_files(&[&missing], false).unwrap_err();
    assert!(matches!(err, RulesError::Read { .. }));
    assert!(err.to_string().contains("missing.toml"), "{err}");
}

fn error_of(text: &str) -> String {
    RegexRules::from_toml(&[("user.toml", text)], false)
        .unwrap_err()
        .to_string()
}

const RULE_HEAD: &str = "# a user file\n[[rule]]\nid = \"r1\"\npriority = 1\ncomment = \"test\"\n";

#[test]
fn toml_syntax_errors_name_file_and_line() {
    let err = error_of(&format!("{RULE_HEAD}label = \"PER\"\npattern = 'x\n"));
    assert!(err.starts_with("user.toml:7:"), "{err}");
}

#[test]
fn missing_fields_name_file_and_line() {
    let err = error_of("\n[[rule]]\nid = \"r1\"\nlabel = \"PER\"\npattern = 'x'\npriority = 1\n");
    assert!(err.starts_with("user.toml:"), "{err}");
    assert!(err.contains("comment"), "{err}");
}

#[test]
fn bad_patterns_name_the_rule() {
    let err = error_of(&format!("{RULE_HEAD}label = \"PER\"\npattern = '(Ani'\n"));
    assert!(
        err.starts_with("user.toml:7: rule \"r1\": bad pattern"),
        "{err}"
    );
}

#[test]
fn unknown_labels_are_rejected() {
    let err = error_of(&format!("{RULE_HEAD}label = \"PERSON\"\npattern = 'Ani'\n"));
    assert_eq!(
        err,
        "user.toml:6: rule \"r1\": unknown label \"PERSON\" (use PER, ORG, LOC or DATE)"
    );
}

#[test]
fn groups_out_of_range_are_rejected() {
    let err = error_of(&format!(
        "{RULE_HEAD}label = \"PER\"\npattern = 'kata (Ani)'\ngroup = 2\n"
    ));
    assert_eq!(
        err,
        "user.toml:8: rule \"r1\": capture group 2 out of range (the pattern has groups 0 to 1)"
    );
}

#[test]
fn unknown_variables_and_duplicate_ids_are_rejected() {
    let err = error_of(&format!(
        "{RULE_HEAD}label = \"PER\"\npattern = '{{{{NOPE}}}}'\n"
    ));
    assert_eq!(err, "user.toml:7: rule \"r1\": unknown variable {{NOPE}}");
    let twice = format!(
        "{RULE_HEAD}label = \"PER\"\npattern = 'a'\n{RULE_HEAD}label = \"PER\"\npattern = 'b'\n"
    );
    assert_eq!(
        error_of(&twice),
        "user.toml:10: rule \"r1\" is defined twice in this file (first on line 3)"
    );
    let cycle = "[vars]\nA = '{{B}}'\nB = '{{A}}'\n[[rule]]\nid = \"r\"\nlabel = \"PER\"\npattern = '{{A}}'\npriority = 1\ncomment = \"c\"\n";
    assert!(error_of(cycle).contains("cycle"), "{}", error_of(cycle));
}

#[test]
fn replacing_with_nothing_is_an_error() {
    let err = RegexRules::from_toml(&[], true).unwrap_err();
    assert!(matches!(err, RulesError::NoRules));
}

#[test]
fn an_organisation_that_runs_into_a_name_keeps_its_own_part() {
    let text = "Kabid Humas Polda Jawa Timur Kombes Dirmanto membenarkan hal itu.";
    assert_eq!(
        found(builtin(), text),
        pairs(&[("ORG", "Polda Jawa Timur"), ("PER", "Dirmanto")])
    );
}

#[test]
fn unknown_trim_stop_and_restart_lists_are_rejected() {
    assert_eq!(
        error_of("[names]\ntrim_lists = [\"NOPE\"]\n"),
        "user.toml:2: [names] trim_lists: no [words] list named \"NOPE\""
    );
    assert_eq!(
        error_of("[names]\nstop = []\nrestart_lists = [\"RANK\", \"NOPE\"]\n"),
        "user.toml:3: [names] restart_lists: no [words] list named \"NOPE\""
    );
    assert_eq!(
        error_of("[names]\nstop_lists = [\"NOTNAME\", \"NOPE\"]\n"),
        "user.toml:2: [names] stop_lists: no [words] list named \"NOPE\""
    );
    assert_eq!(
        error_of("[alias]\nconjunct_stop_lists = [\"NOPE\"]\n"),
        "user.toml:2: [alias] conjunct_stop_lists: no [words] list named \"NOPE\""
    );
}

#[test]
fn a_user_file_joins_names_with_its_own_conjunctions_and_epithet_words() {
    let user = r#"
[alias]
conjunctions = ["bersama"]

[names]
not_before = ["tadi"]
"#;
    let rules = RegexRules::from_toml(&[("user.toml", user)], false).unwrap();
    let text = "Hal itu dikatakan Budi Santoso bersama Rina. Timnya siap, ujar bek Sassuolo tadi.";
    assert_eq!(
        found(builtin(), text),
        pairs(&[("PER", "Budi Santoso"), ("PER", "Sassuolo")])
    );
    assert_eq!(
        found(&rules, text),
        pairs(&[("PER", "Budi Santoso"), ("PER", "Rina")])
    );
}

#[test]
fn a_word_list_as_written_matches_no_capitalised_spelling() {
    let file = r#"
[words]
ROLE = ["adik"]

[[rule]]
id = "any-spelling"
label = "PER"
pattern = '''({{PERWORD}}{{S}}{{PERWORD}}),{{S}}{{ROLE}}'''
group = 1
priority = 1
comment = "test"

[[rule]]
id = "as-written"
label = "ORG"
pattern = '''({{PERWORD}}{{S}}{{PERWORD}}),{{S}}{{ROLE_AS_WRITTEN}}'''
group = 1
priority = 2
comment = "test"
"#;
    let rules = RegexRules::from_toml(&[("user.toml", file)], true).unwrap();
    assert_eq!(
        found(&rules, "Budi Santoso, adik dia. Siti Aminah, Adik dia."),
        pairs(&[("ORG", "Budi Santoso"), ("PER", "Siti Aminah")])
    );
}

#[test]
fn a_headline_name_after_a_title_is_checked_against_the_other_names() {
    let text =
        "Prabowo Minta Para Menteri Kerja Keras\n\nMenteri ESDM Yang Baru Janji Pasokan Aman\n\n\
                Menteri Bahlil Tinjau Smelter\n\n\
                Menteri ESDM Bahlil Lahadalia menyatakan pasokan aman.";
    assert_eq!(
        found(builtin(), text),
        pairs(&[("PER", "Bahlil"), ("PER", "Bahlil Lahadalia")])
    );
    // A headline's verb read into a name after a title: the name starts at
    // its first word that another name holds.
    let text = "Presiden Peru Hubungi Widodo Soal Banjir\n\n\
                Presiden Joko Widodo menerima telepon itu di Jakarta.";
    assert_eq!(
        found(builtin(), text),
        pairs(&[("PER", "Widodo"), ("PER", "Joko Widodo")])
    );
    // A text of one line has nothing to confirm its names: they stay.
    let headline = "Menteri ESDM Yang Baru Janji Pasokan Aman";
    assert_eq!(found(builtin(), headline), pairs(&[("PER", "Yang")]));
}
