//! The directory shape: `articles/<id>.txt` beside `annotations/<id>.json`,
//! and an optional `labels.txt`.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use nerbench_core::Label;

use crate::check::{build, Checks, Ids, Place};
use crate::json::{entity_lines, RawAnnotation};
use crate::problem::{Problem, ProblemKind, Problems};
use crate::{GoldDocument, OpenError};

/// Reads the annotations of a directory (or a single annotation file) one
/// file at a time, then reports the articles that have no annotation.
pub(crate) struct DirReader {
    root: PathBuf,
    checks: Checks,
    /// Problems of `labels.txt`, reported first.
    head: Option<Problems>,
    annotations: std::vec::IntoIter<PathBuf>,
    /// Articles without an annotation, reported last.
    orphans: std::vec::IntoIter<Problem>,
    ids: Ids,
}

fn open_error(path: &Path) -> impl FnOnce(io::Error) -> OpenError + '_ {
    move |source| OpenError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The stems of the files in `dir` that end in `.ext`, sorted; hidden files
/// (`.gitkeep`) and other files are not part of the set.
fn stems(dir: &Path, ext: &str) -> Result<BTreeSet<String>, OpenError> {
    let mut stems = BTreeSet::new();
    for entry in fs::read_dir(dir).map_err(open_error(dir))? {
        let path = entry.map_err(open_error(dir))?.path();
        if path.extension().is_some_and(|e| e == ext) {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                if !stem.starts_with('.') {
                    stems.insert(stem.to_string());
                }
            }
        }
    }
    Ok(stems)
}

impl DirReader {
    /// Every `annotations/*.json` of the gold set directory `root`.
    pub fn directory(root: &Path, checks: Checks) -> Result<DirReader, OpenError> {
        let annotations_dir = root.join("annotations");
        if !annotations_dir.is_dir() {
            return Err(OpenError::NotAGoldSet(root.to_path_buf()));
        }
        let annotated = stems(&annotations_dir, "json")?;
        let articles_dir = root.join("articles");
        let articles = if articles_dir.is_dir() {
            stems(&articles_dir, "txt")?
        } else {
            BTreeSet::new()
        };
        let orphans = articles
            .difference(&annotated)
            .map(|stem| Problem {
                file: articles_dir.join(format!("{stem}.txt")),
                line: None,
                column: None,
                document: None,
                entity: None,
                kind: ProblemKind::MissingAnnotation {
                    expected: annotations_dir.join(format!("{stem}.json")),
                },
            })
            .collect::<Vec<_>>();
        let files = annotated
            .iter()
            .map(|stem| annotations_dir.join(format!("{stem}.json")))
            .collect();
        Ok(DirReader::new(root.to_path_buf(), checks, files, orphans))
    }

    /// One annotation file, with its article in `../articles/`.
    pub fn single(file: &Path, checks: Checks) -> DirReader {
        let root = match file.parent().and_then(Path::parent) {
            Some(root) => root.to_path_buf(),
            None => PathBuf::from(".."),
        };
        DirReader::new(root, checks, vec![file.to_path_buf()], Vec::new())
    }

    fn new(root: PathBuf, checks: Checks, files: Vec<PathBuf>, orphans: Vec<Problem>) -> DirReader {
        let mut reader = DirReader {
            root,
            checks,
            head: None,
            annotations: files.into_iter(),
            orphans: orphans.into_iter(),
            ids: Ids::default(),
        };
        reader.read_labels();
        reader
    }

    pub fn checks(&self) -> &Checks {
        &self.checks
    }

    /// Adds the labels of `labels.txt` (one per line; blank lines and `#`
    /// comments skipped) to the checks.
    fn read_labels(&mut self) {
        let file = self.root.join("labels.txt");
        let problem = |line, kind| Problem {
            file: file.clone(),
            line,
            column: None,
            document: None,
            entity: None,
            kind,
        };
        let text = match fs::read_to_string(&file) {
            Ok(text) => text,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return,
            Err(err) => {
                self.head = Some(Problems(vec![problem(
                    None,
                    ProblemKind::Unreadable(err.to_string()),
                )]));
                return;
            }
        };
        let mut problems = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let name = line.trim();
            if name.is_empty() || name.starts_with('#') {
                continue;
            }
            match name.parse::<Label>() {
                Ok(label) => self.checks.allow_label(label),
                Err(_) => problems.push(problem(
                    Some(n + 1),
                    ProblemKind::InvalidLabel(name.to_string()),
                )),
            }
        }
        if !problems.is_empty() {
            self.head = Some(Problems(problems));
        }
    }

    fn read(&mut self, file: &Path) -> Result<GoldDocument, Problems> {
        let mut place = Place {
            file,
            line: None,
            entity_lines: &[],
        };
        let bytes = fs::read(file).map_err(|err| {
            Problems(vec![
                place.problem(None, ProblemKind::Unreadable(err.to_string()))
            ])
        })?;
        let annotation = serde_json::from_slice::<RawAnnotation>(&bytes)
            .map_err(|err| Problems(vec![place.json_problem(&err)]))?;
        let lines = entity_lines(&bytes);
        place.entity_lines = &lines;
        let raw = crate::check::RawDocument::from(annotation);

        let mut problems = Vec::new();
        problems.extend(self.ids.record(&raw.id, &place));
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if raw.id != stem {
            problems.push(place.problem(
                Some(&raw.id),
                ProblemKind::IdMismatch {
                    file_stem: stem.clone(),
                },
            ));
        }
        let article = self.root.join("articles").join(format!("{stem}.txt"));
        let text = match fs::read(&article) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Some(text),
                Err(err) => {
                    let byte = err.utf8_error().valid_up_to();
                    let line = 1 + err.as_bytes()[..byte]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count();
                    problems.push(Problem {
                        file: article,
                        line: Some(line),
                        ..place.problem(Some(&raw.id), ProblemKind::NotUtf8 { byte })
                    });
                    None
                }
            },
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                let kind = ProblemKind::MissingArticle { expected: article };
                problems.push(place.problem(Some(&raw.id), kind));
                None
            }
            Err(err) => {
                problems.push(Problem {
                    file: article,
                    ..place.problem(Some(&raw.id), ProblemKind::Unreadable(err.to_string()))
                });
                None
            }
        };
        match build(raw, text, &place, &self.checks) {
            Ok(doc) if problems.is_empty() => Ok(doc),
            Ok(_) => Err(Problems(problems)),
            Err(more) => {
                problems.extend(more);
                Err(Problems(problems))
            }
        }
    }
}

impl Iterator for DirReader {
    type Item = Result<GoldDocument, Problems>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(head) = self.head.take() {
            return Some(Err(head));
        }
        if let Some(file) = self.annotations.next() {
            return Some(self.read(&file));
        }
        self.orphans.next().map(|p| Err(Problems(vec![p])))
    }
}

/// Writes `documents` as a gold set directory under `root`, with
/// `labels.txt` listing `labels` beyond the standard four, if any.
pub(crate) fn write_dir(
    root: &Path,
    documents: &[GoldDocument],
    labels: &[Label],
) -> io::Result<()> {
    let (articles, annotations) = (root.join("articles"), root.join("annotations"));
    fs::create_dir_all(&articles)?;
    fs::create_dir_all(&annotations)?;
    for doc in documents {
        let id = &doc.document.id;
        // The id becomes a file name: it must not reach outside the directory.
        if id.is_empty() || id.starts_with('.') || id.contains(['/', '\\']) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("document id {id:?} cannot be a file name"),
            ));
        }
        fs::write(articles.join(format!("{id}.txt")), &doc.document.text)?;
        let mut json = Vec::new();
        doc.write_json(&mut json)?;
        fs::write(annotations.join(format!("{id}.json")), json)?;
    }
    let extra: String = labels
        .iter()
        .filter(|l| !l.is_standard())
        .map(|l| format!("{l}\n"))
        .collect();
    if !extra.is_empty() {
        fs::write(root.join("labels.txt"), extra)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use crate::{open, Checks, GoldSet, LoadError, Problem};

    fn write(root: &Path, files: &[(&str, &str)]) {
        for (name, content) in files {
            let path = root.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, content).unwrap();
        }
    }

    /// `file|line|message` of every problem, file relative to `root`.
    fn problems(path: &Path, root: &Path) -> Vec<String> {
        open(path, &Checks::default())
            .unwrap()
            .filter_map(Result::err)
            .flat_map(|p| p.0)
            .map(|p: Problem| {
                let file = p.file.strip_prefix(root).unwrap().display().to_string();
                format!("{file}|{:?}|{}", p.line, p.kind)
            })
            .collect()
    }

    const GOOD: &str = "{\n  \"id\": \"a\",\n  \"dct\": \"2023-06-12\",\n  \"entities\": [\n    {\"start\": 0, \"end\": 5, \"label\": \"LOC\", \"text\": \"Rusia\"},\n    {\"start\": 6, \"end\": 13, \"label\": \"DATE\", \"text\": \"12\u{a0}Juni\", \"value\": \"2023-06-12\"}\n  ]\n}\n";

    #[test]
    fn pairs_articles_with_annotations_and_checks_the_pairing() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("set");
        write(
            &root,
            &[
                ("articles/a.txt", "Rusia 12\u{a0}Juni"),
                ("annotations/a.json", GOOD),
                ("articles/orphan.txt", "x"),
                ("annotations/lonely.json", r#"{"id":"lonely","entities":[]}"#),
                ("articles/b.txt", "x"),
                ("annotations/b.json", r#"{"id":"a","entities":[{"start":0,"end":2,"label":"PER","text":"xy"}]}"#),
                ("articles/bad.txt", "x"),
                ("annotations/bad.json", "{\n  \"id\": \"bad\",\n  \"entities\": [\n    {\"start\":0,\"end\":1,\"label\":\"PER\",\"text\":\"x\"},\n    {\"start\":0,\"end\":1,\"label\":\"PER\",\"text\":\"x\",}\n  ]\n}\n"),
                ("articles/latin1.txt", "x"),
                ("annotations/latin1.json", r#"{"id":"latin1","entities":[]}"#),
                ("annotations/README.md", "not an annotation"),
                ("annotations/.gitkeep.json", ""),
            ],
        );
        fs::write(root.join("articles/latin1.txt"), b"ok\nBr\xe4ndli").unwrap();
        assert_eq!(
            problems(&root, &root),
            [
                "annotations/b.json|None|duplicate document id (first used at ".to_string()
                    + &root.join("annotations/a.json").display().to_string()
                    + ")",
                "annotations/b.json|None|id does not match the file name \"b\"".into(),
                "annotations/b.json|Some(1)|ends at 2, past the end of the text (length 1)".into(),
                "annotations/bad.json|Some(5)|invalid JSON: trailing comma".into(),
                "articles/latin1.txt|Some(2)|not UTF-8 (first bad byte at offset 5)".into(),
                format!(
                    "annotations/lonely.json|None|no article for this annotation (expected {})",
                    root.join("articles/lonely.txt").display()
                ),
                format!(
                    "articles/orphan.txt|None|no annotation for this article (expected {})",
                    root.join("annotations/orphan.json").display()
                ),
            ]
        );
    }

    #[test]
    fn entity_problems_point_at_their_line() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(
            root,
            &[
                ("articles/a.txt", "Rusia 12 Juni"),
                ("annotations/a.json", GOOD),
            ],
        );
        // The article has a plain space where the annotation has NO-BREAK SPACE.
        assert_eq!(
            problems(root, root),
            [
                r#"annotations/a.json|Some(6)|text "12\u{a0}Juni" does not match the document, which has "12 Juni" there"#
            ]
        );
    }

    #[test]
    fn a_single_annotation_reads_its_article_and_labels() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(
            root,
            &[
                ("labels.txt", "# extra labels\nEVENT\n\nbad label\n"),
                ("articles/a.txt", "Liga"),
                (
                    "annotations/a.json",
                    r#"{"id":"a","entities":[{"start":0,"end":4,"label":"EVENT","text":"Liga"}]}"#,
                ),
            ],
        );
        let single = root.join("annotations/a.json");
        assert_eq!(
            problems(&single, root),
            ["labels.txt|Some(4)|invalid label name \"bad label\": use ASCII letters, digits, '_' or '-'"]
        );
        fs::write(root.join("labels.txt"), "EVENT\n").unwrap();
        let set = GoldSet::load(&single).unwrap();
        assert_eq!(set.documents[0].entities[0].label.as_str(), "EVENT");
        assert_eq!(set.labels.last().unwrap().as_str(), "EVENT");
        match GoldSet::load(root.join("articles")) {
            Err(LoadError::Open(err)) => assert!(err.to_string().ends_with(
                "articles is not a gold set directory (it has no annotations/ directory)"
            )),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn writing_a_loaded_set_gives_the_same_files() {
        let tmp = tempfile::tempdir().unwrap();
        let (from, to) = (tmp.path().join("from"), tmp.path().join("to"));
        let empty = "{\n  \"id\": \"b\",\n  \"source\": \"https://example.com/\\\"b\\\"\",\n  \"entities\": []\n}\n";
        let files = [
            ("articles/a.txt", "Rusia 12\u{a0}Juni"),
            ("annotations/a.json", GOOD),
            ("articles/b.txt", "\n“tak”\r\n"),
            ("annotations/b.json", empty),
            ("labels.txt", "EVENT\n"),
        ];
        write(&from, &files);
        let set = GoldSet::load(&from).unwrap();
        set.write_dir(&to).unwrap();
        for (name, content) in files {
            assert_eq!(
                fs::read_to_string(to.join(name)).unwrap(),
                content,
                "{name}"
            );
        }
        // The JSONL shape round-trips too, and carries the same documents.
        let mut jsonl = Vec::new();
        set.write_jsonl(&mut jsonl).unwrap();
        let path = tmp.path().join("set.jsonl");
        fs::write(&path, &jsonl).unwrap();
        let again = GoldSet::load_with(
            &path,
            &Checks::default().with_label("EVENT".parse().unwrap()),
        )
        .unwrap();
        assert_eq!(again, set);
        let mut twice = Vec::new();
        again.write_jsonl(&mut twice).unwrap();
        assert_eq!(twice, jsonl);
    }

    #[test]
    fn refuses_ids_that_are_not_file_names() {
        let mut set = GoldSet {
            documents: vec![crate::GoldDocument {
                document: nerbench_core::Document::new("../escape", "x"),
                entities: Vec::new(),
                source: None,
            }],
            labels: Vec::new(),
        };
        let tmp = tempfile::tempdir().unwrap();
        let err = set.write_dir(tmp.path()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"document id "../escape" cannot be a file name"#
        );
        set.documents[0].document.id = "ok".into();
        set.write_dir(tmp.path()).unwrap();
        assert!(tmp.path().join("annotations/ok.json").exists());
    }
}
