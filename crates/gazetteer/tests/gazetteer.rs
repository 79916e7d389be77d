//! Behaviour of the gazetteer: word boundaries, leftmost-longest with
//! fallback, case folding, user lists and their errors, and the built-in lists.

use std::collections::HashMap;
use std::io::Write;

use nerbench_core::{overlaps, Document, Extractor, Label};
use nerbench_gazetteer::{Gazetteer, GazetteerError, BUILTIN_LISTS};

const LIST: &str = "# source: test list\n\
Rusia\tLOC\tt\n\
Moskow\tLOC\tt\n\
Pyongyang\tLOC\tt\n\
Korea\tLOC\tt\n\
Korea Utara\tLOC\tt\n\
Korea Utara Raya Timur\tLOC\tt\n\
PBB\tORG\tt\n\
Dewan Keamanan PBB\tORG\tt\n\
Vladimir Putin\tPER\tt\n\
Brändli\tPER\tt\n";

fn gazetteer(text: &str) -> Gazetteer {
    Gazetteer::builder()
        .add_list("test.tsv", text)
        .unwrap()
        .build()
        .unwrap()
}

/// `(text, label, byte start)` of every entity found in `text`.
fn find(g: &Gazetteer, text: &str) -> Vec<(String, Label, usize)> {
    let entities = g.extract(&Document::new("d", text));
    assert!(overlaps(&entities).is_empty(), "overlapping output");
    assert!(
        entities.windows(2).all(|w| w[0].span < w[1].span),
        "unsorted output"
    );
    for e in &entities {
        assert_eq!(&text[e.span.range()], e.text);
        assert_eq!(&*e.source, "gazetteer");
    }
    entities
        .into_iter()
        .map(|e| (e.text, e.label, e.span.start()))
        .collect()
}

fn texts(g: &Gazetteer, text: &str) -> Vec<String> {
    find(g, text).into_iter().map(|(t, _, _)| t).collect()
}

#[test]
fn no_break_space_and_curly_quotes_are_boundaries() {
    let g = gazetteer(LIST);
    let text = "Presiden\u{a0}Rusia\u{a0}Vladimir\u{a0}Putin dan “Rusia” serta ‘Moskow’.";
    // "Vladimir\u{a0}Putin" is not the listed "Vladimir Putin": spaces are
    // matched exactly, so only the country names are found.
    assert_eq!(texts(&g, text), ["Rusia", "Rusia", "Moskow"]);
    let found = find(&g, text);
    // Offsets are bytes: "Presiden" + NBSP (2 bytes) puts "Rusia" at 10.
    assert_eq!(found[0].2, 10);
    assert_eq!(found[1].2, text.find("Rusia”").unwrap());
}

#[test]
fn joined_pairs_give_two_matches() {
    let g = gazetteer(LIST);
    assert_eq!(
        texts(&g, "poros Moskow-Pyongyang."),
        ["Moskow", "Pyongyang"]
    );
    assert_eq!(texts(&g, "(Rusia–Korea)"), ["Rusia", "Korea"]);
    assert_eq!(texts(&g, "Rusia/PBB"), ["Rusia", "PBB"]);
}

#[test]
fn names_glued_to_words_do_not_match() {
    let g = gazetteer(LIST);
    assert!(texts(&g, "Rusiana, diRusia, Rusia2, 2Rusia, Rusiaé, éRusia").is_empty());
    // Letters of other scripts count as letters too.
    assert!(texts(&g, "Rusiaж и жRusia").is_empty());
    assert_eq!(
        texts(&g, "Rusia, Rusia. Rusia"),
        ["Rusia", "Rusia", "Rusia"]
    );
}

#[test]
fn a_failed_longest_match_falls_back_to_shorter_ones() {
    let g = gazetteer(LIST);
    // "Korea Utara" is glued to "nya": the shorter "Korea" at the same start
    // still counts.
    assert_eq!(texts(&g, "Korea Utaranya"), ["Korea"]);
    assert_eq!(texts(&g, "Korea-Rusia"), ["Korea", "Rusia"]);
    // The longest candidate at a start wins when it is whole.
    assert_eq!(texts(&g, "Korea Utara."), ["Korea Utara"]);
    // Two levels of fallback: the longest and the middle one both fail.
    assert_eq!(texts(&g, "Korea Utara Raya Timurnya"), ["Korea Utara"]);
    // A rejected match does not hide later ones that start inside it.
    assert_eq!(texts(&g, "Dewan Keamanan PBBX PBB"), ["PBB"]);
    assert_eq!(texts(&g, "xDewan Keamanan PBB"), ["PBB"]);
    assert_eq!(texts(&g, "Dewan Keamanan PBB"), ["Dewan Keamanan PBB"]);
}

#[test]
fn matching_is_case_sensitive_by_default() {
    let g = gazetteer(LIST);
    assert!(texts(&g, "rusia RUSIA pbb").is_empty());
}

#[test]
fn casefold_lists_match_in_any_case_with_original_offsets() {
    let g = Gazetteer::builder()
        .add_list("sensitive.tsv", LIST)
        .unwrap()
        .add_list(
            "folded.tsv",
            "# casefold: true\nkompas.com\tORG\tt\nSemenanjung Korea\tLOC\tt\nBrändli\tPER\tt\n",
        )
        .unwrap()
        .build()
        .unwrap();
    let text =
        "Sumber: KOMPAS.com, Kompas.Com; semenanjung korea, SEMENANJUNG KOREA, BRÄNDLI, brändli";
    assert_eq!(
        texts(&g, text),
        [
            "KOMPAS.com",
            "Kompas.Com",
            "semenanjung korea",
            "SEMENANJUNG KOREA",
            "BRÄNDLI",
            "brändli"
        ]
    );
    // Case-folded matches still respect word boundaries, and a word is in
    // one case form: mixed case inside a word is not a form of the name.
    assert!(texts(&g, "xkompas.com kompas.comx KoMPaS.com").is_empty());
    // Case-folded and exact entries together: the case-folded "Semenanjung
    // Korea" is longer than the exact "Korea" inside it.
    assert_eq!(
        texts(&g, "Semenanjung Korea dan Korea Utara"),
        ["Semenanjung Korea", "Korea Utara"]
    );
    // The case-folded list does not make the exact one case-insensitive.
    assert!(texts(&g, "korea utara").is_empty());
}

#[test]
fn a_later_list_wins_a_text_shared_with_a_case_folded_entry() {
    let folded = "# casefold: true\nas\tORG\tt\n";
    let exact = "AS\tLOC\tt\n";
    let g = Gazetteer::builder()
        .add_list("folded.tsv", folded)
        .unwrap()
        .add_list("exact.tsv", exact)
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(
        find(&g, "AS as"),
        [
            ("AS".to_string(), Label::Loc, 0),
            ("as".to_string(), Label::Org, 3)
        ]
    );
    let g = Gazetteer::builder()
        .add_list("exact.tsv", exact)
        .unwrap()
        .add_list("folded.tsv", folded)
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(
        find(&g, "AS as"),
        [
            ("AS".to_string(), Label::Org, 0),
            ("as".to_string(), Label::Org, 3)
        ]
    );
}

#[test]
fn user_lists_add_to_and_override_earlier_lists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.tsv");
    std::fs::File::create(&path)
        .unwrap()
        .write_all("# source: my own\nKorea\tORG\tmine\nAmastya\tPER\tmine\n".as_bytes())
        .unwrap();
    let g = Gazetteer::builder()
        .add_list("base.tsv", LIST)
        .unwrap()
        .add_file(&path)
        .unwrap()
        .build()
        .unwrap();
    let found = find(&g, "Korea dan Amastya");
    assert_eq!(
        found,
        [
            ("Korea".to_string(), Label::Org, 0),
            ("Amastya".to_string(), Label::Per, 10)
        ]
    );
    let korea = g.entries().iter().find(|e| e.surface == "Korea").unwrap();
    assert_eq!(&*korea.source, "mine");
    assert_eq!(&*korea.list, path.display().to_string());
    assert_eq!(korea.line, 2);
    assert_eq!(
        g.entries().iter().filter(|e| e.surface == "Korea").count(),
        1
    );

    // with_files puts user lists on top of the built-in ones.
    let g = Gazetteer::with_files(&[&path]).unwrap();
    assert_eq!(
        find(&g, "Amastya di Rusia"),
        [
            ("Amastya".to_string(), Label::Per, 0),
            ("Rusia".to_string(), Label::Loc, 11)
        ]
    );
}

#[test]
fn malformed_user_files_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.tsv");
    let cases = [
        (
            "# source: x\nRusia\tLOC\tx\nMoskow LOC x\n",
            "3: expected 3 tab-separated columns",
        ),
        ("\tLOC\tx\n", "1: empty surface"),
        ("Rusia\tCITY\tx\n", "1: unknown label \"CITY\""),
        (
            "Rusia\tLOC\tx\nRusia\tORG\tx\n",
            "2: \"Rusia\" is labelled ORG here but LOC on line 1",
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(&path, text).unwrap();
        let err = Gazetteer::with_files(&[&path]).unwrap_err();
        let message = err.to_string();
        assert!(
            message.starts_with(&format!("{}:{expected}", path.display())),
            "{message}"
        );
    }
    let missing = dir.path().join("missing.tsv");
    let err = Gazetteer::with_files(&[&missing]).unwrap_err();
    assert!(matches!(err, GazetteerError::Read { ref path, .. } if *path == missing));
    assert!(err.to_string().contains("missing.tsv"));
}

#[test]
fn labels_are_those_the_lists_hold() {
    let g = gazetteer("A\tLOC\tx\nB\tPER\tx\n");
    assert_eq!(g.labels(), [Label::Per, Label::Loc]);
    assert_eq!(g.name(), "gazetteer");
    let empty = Gazetteer::builder().build().unwrap();
    assert!(empty.labels().is_empty());
    assert!(empty.extract(&Document::new("d", "Rusia")).is_empty());
}

#[test]
fn a_phrase_that_is_no_name_hides_the_names_that_start_inside_it() {
    let g =
        gazetteer("# casefold: true\nWali Kota\t-\tt\nKota Surabaya\tLOC\tt\nSurabaya\tLOC\tt\n");
    // The title matches first and gives nothing; the city after it is found.
    assert_eq!(
        find(&g, "Wali Kota Surabaya Eri Cahyadi, wali kota Surabaya."),
        [
            ("Surabaya".to_string(), Label::Loc, 10),
            ("Surabaya".to_string(), Label::Loc, 42),
        ]
    );
    // Elsewhere the official name is found whole, and the no-name entry adds
    // no label.
    assert_eq!(texts(&g, "Warga Kota Surabaya"), ["Kota Surabaya"]);
    assert_eq!(g.labels(), [Label::Loc]);
    assert_eq!(g.entries()[0].label, None);
    assert_eq!(g.entries()[0].label_text(), "-");
}

#[test]
fn builtin_lists_are_sourced_and_consistent() {
    let mut labels: HashMap<&str, (&str, &str)> = HashMap::new();
    for (name, text) in BUILTIN_LISTS {
        assert!(
            text.lines()
                .take_while(|l| l.starts_with('#'))
                .any(|l| l.contains("source:")),
            "{name} has no '# source:' header"
        );
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (surface, label) = (cols.next().unwrap(), cols.next().unwrap());
            // No built-in list contradicts another: overrides are for users.
            if let Some((other, first)) = labels.insert(surface, (label, name)) {
                assert_eq!(
                    other, label,
                    "{surface:?}: {label} in {name}, {other} in {first}"
                );
            }
        }
    }
    // The guidelines leave these unlabelled or ambiguous as bare words.
    for word in ["Barat", "Dunia", "Surat", "Antara", "Detik"] {
        assert!(!labels.contains_key(word), "{word:?} must not be listed");
    }
    let g = Gazetteer::builtin().unwrap();
    assert!(g.entries().len() > 3000, "{} entries", g.entries().len());
    assert_eq!(g.labels(), [Label::Per, Label::Org, Label::Loc]);
}

#[test]
fn builtin_lists_cover_the_general_categories() {
    let g = Gazetteer::builtin().unwrap();
    let text = "Sekjen PBB dan Dewan Keamanan PBB membahas Korea Utara, Korsel, AS, Tiongkok, \
                Laut China Selatan dan Asia Tenggara; Presiden Joko Widodo, Kementerian Luar Negeri, \
                TNI dan KPK di Kabupaten Bantul dan Kota Surabaya, menurut Reuters, Yonhap dan \
                kompas.com, serta Xi Jinping di Beijing dekat semenanjung Korea.";
    let found: Vec<(String, Label)> = find(&g, text).into_iter().map(|(t, l, _)| (t, l)).collect();
    let expected = [
        ("PBB", Label::Org),
        ("Dewan Keamanan PBB", Label::Org),
        ("Korea Utara", Label::Loc),
        ("Korsel", Label::Loc),
        ("AS", Label::Loc),
        ("Tiongkok", Label::Loc),
        ("Laut China Selatan", Label::Loc),
        ("Asia Tenggara", Label::Loc),
        ("Joko Widodo", Label::Per),
        ("Kementerian Luar Negeri", Label::Org),
        ("TNI", Label::Org),
        ("KPK", Label::Org),
        ("Kabupaten Bantul", Label::Loc),
        ("Kota Surabaya", Label::Loc),
        ("Reuters", Label::Org),
        ("Yonhap", Label::Org),
        ("kompas.com", Label::Org),
        ("Xi Jinping", Label::Per),
        ("Beijing", Label::Loc),
        ("semenanjung Korea", Label::Loc),
    ];
    let expected: Vec<(String, Label)> = expected
        .into_iter()
        .map(|(t, l)| (t.to_string(), l))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn builtin_lists_know_states_and_provinces_abroad() {
    let g = Gazetteer::builtin().unwrap();
    let text = "Pekerja migran di Sabah dan Pulau Pinang dipulangkan; badai melanda Florida, \
                New South Wales dan British Columbia.";
    assert_eq!(
        texts(&g, text),
        [
            "Sabah",
            "Pulau Pinang",
            "Florida",
            "New South Wales",
            "British Columbia"
        ]
    );
    // Left out of the list: a word ("Perak", silver), a given name and the
    // "Goa" (cave) of cave names.
    let words = "Medali Perak diraih Victoria di dekat Goa Pindul.";
    assert!(texts(&g, words).is_empty(), "{:?}", texts(&g, words));
}
