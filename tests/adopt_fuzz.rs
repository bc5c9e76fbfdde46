//! Seeded damage to a finished sweep cell (a file truncated, grown, cut to nothing, flipped,
//! made a FIFO, a symlink, a directory, or removed; several at once), read two ways:
//! * as a source of `sweep --adopt`: no adopt may panic, hang or leave `.adopting/` behind,
//!   and a cell is either adopted whole (then its row, metrics and checkpoint agree and the
//!   sweep counts it finished) or skipped with a reason that names the source cell;
//! * by the TUI's disk watcher (the Runs and Sweeps tabs' listings, the sweep's map, the
//!   cell's curves): it may not panic or hang, and every file of the cell that cannot be read
//!   is named, with its path, where the screens show it instead of reading as empty.

use groktop::preset::Preset;
use groktop::record::{CellStatus, RunDir, SweepDir};
use groktop::tui::watch::{Found, Request, Watcher};
use rand::{Rng, SeedableRng};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

const MUTANTS: usize = 80;

fn grid_preset() -> Preset {
    Preset::parse(
        "(name: \"fuzz\", title: \"t\", figure: \"test\", description: \"\", paper_reports: \"\",
          task: (kind: ModAdd, modulus: 11, n_train: 40), model: (d_model: 8),
          training: (steps: 40, eval_every: 10, checkpoint_every: 20),
          sweep: (d_model: [8]))",
        "fuzz.ron",
    )
    .unwrap()
}

/// Every file and directory under `dir`, relative, sorted.
fn entries(dir: &Path, rel: &Path, out: &mut Vec<PathBuf>) {
    let mut list: Vec<_> = fs::read_dir(dir.join(rel)).unwrap().flatten().collect();
    list.sort_by_key(|e| e.file_name());
    for e in list {
        let child = rel.join(e.file_name());
        out.push(child.clone());
        if e.file_type().unwrap().is_dir() {
            entries(dir, &child, out);
        }
    }
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// One seeded mutation of `path` (a file or a directory of the cell).
fn mutate(path: &Path, outside: &Path, rng: &mut impl Rng) {
    let is_dir = path.is_dir();
    let remove = |p: &Path| {
        if is_dir {
            fs::remove_dir_all(p).unwrap()
        } else {
            fs::remove_file(p).unwrap()
        }
    };
    match rng.gen_range(0..9) {
        0 => remove(path),
        1 => {
            remove(path);
            mkfifo(path);
        }
        2 => {
            remove(path);
            std::os::unix::fs::symlink(outside, path).unwrap();
        }
        3 => {
            remove(path);
            std::os::unix::fs::symlink("..", path).unwrap();
        }
        4 => {
            remove(path);
            fs::create_dir(path).unwrap();
        }
        // (Once: a directory picked twice keeps its first FIFO.)
        _ if is_dir => {
            let fifo = path.join("fifo");
            if fs::symlink_metadata(&fifo).is_err() {
                mkfifo(&fifo);
            }
        }
        5 => {
            let len = fs::metadata(path).unwrap().len();
            let f = fs::OpenOptions::new().write(true).open(path).unwrap();
            f.set_len(rng.gen_range(0..=len)).unwrap();
        }
        6 => {
            // Sparse: claims gigabytes, uses no disk.
            let f = fs::OpenOptions::new().write(true).open(path).unwrap();
            f.set_len(rng.gen_range(1u64..4) << 30).unwrap();
        }
        7 => {
            let mut bytes = fs::read(path).unwrap();
            if !bytes.is_empty() {
                let i = rng.gen_range(0..bytes.len());
                bytes[i] = rng.r#gen();
            }
            fs::write(path, bytes).unwrap();
        }
        _ => {
            let mut bytes = fs::read(path).unwrap();
            bytes.extend((0..rng.gen_range(1..64)).map(|_| rng.r#gen::<u8>()));
            fs::write(path, bytes).unwrap();
        }
    }
}

/// A finished one-cell sweep `good` under `root` (trained by the real binary), and a file
/// outside it for symlinks to point at.
fn good_sweep(root: &Path, preset: &Preset) -> (SweepDir, PathBuf) {
    let good = SweepDir::new(&root.join("good"));
    fs::write(root.join("fuzz.ron"), preset.to_ron()).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_groktop"))
        .args(["sweep", "fuzz.ron", "--out", "good"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let outside = root.join("outside.txt");
    fs::write(&outside, "not a run's file\n").unwrap();
    (good, outside)
}

/// A copy of `good` at `source` whose cell (named `cell_name`) has 1 to 3 seeded mutations;
/// returns the damaged cell's directory.
fn damaged_copy(
    good: &SweepDir,
    source: &Path,
    cell_name: &std::ffi::OsStr,
    outside: &Path,
    rng: &mut impl Rng,
) -> PathBuf {
    let status = std::process::Command::new("cp")
        .arg("-a")
        .arg(good.path.as_os_str())
        .arg(source)
        .status()
        .unwrap();
    assert!(status.success());
    let src_cell = source.join("cells").join(cell_name);
    for _ in 0..rng.gen_range(1..=3) {
        let mut all = Vec::new();
        entries(&src_cell, Path::new(""), &mut all);
        let real: Vec<&PathBuf> = all
            .iter()
            .filter(|p| {
                fs::symlink_metadata(src_cell.join(p)).is_ok_and(|m| m.is_file() || m.is_dir())
            })
            .collect();
        if real.is_empty() {
            break;
        }
        let pick = src_cell.join(real[rng.gen_range(0..real.len())]);
        mutate(&pick, outside, rng);
    }
    src_cell
}

#[test]
fn damaged_adopt_sources_never_panic_hang_or_half_adopt() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let preset = grid_preset();
    let cells = preset.cells();
    let (good, outside) = good_sweep(root, &preset);
    let cell_dir = good.cell_dir(&cells[0]);
    let cell_name = cell_dir.file_name().unwrap().to_owned();

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(19);
    let (mut adopted, mut skipped) = (0, 0);
    for k in 0..MUTANTS {
        let source = root.join(format!("src{k}"));
        let src_cell = damaged_copy(&good, &source, &cell_name, &outside, &mut rng);

        let target = SweepDir::new(&root.join(format!("new{k}")));
        let (tx, rx) = mpsc::channel();
        let (p, c, from, to) = (
            preset.clone(),
            cells.clone(),
            SweepDir::new(&source),
            target.clone(),
        );
        std::thread::spawn(move || {
            let _ = tx.send(to.adopt(&p, &c, &from));
        });
        let result = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("mutant {k}: the adopt hung or panicked"));
        let done = result.unwrap_or_else(|e| panic!("mutant {k}: {e}"));
        assert!(!target.path.join(".adopting").exists(), "mutant {k}");
        if done.adopted == [0] {
            adopted += 1;
            assert!(done.skipped.is_empty(), "mutant {k}: {:?}", done.skipped);
            assert_eq!(target.cell_status(&cells[0]), CellStatus::Finished);
            let copy = target.cell_dir(&cells[0]);
            let metrics = groktop::record::read_metrics(&copy.join("metrics.csv")).unwrap();
            assert_eq!(metrics.rows.last().map(|m| m.step), Some(40), "mutant {k}");
            assert_eq!(
                fs::read(copy.join("summary-row.csv")).unwrap(),
                fs::read(cell_dir.join("summary-row.csv")).unwrap(),
                "mutant {k}: the row adopted is the undamaged one"
            );
        } else {
            assert!(done.adopted.is_empty(), "mutant {k}: {done:?}");
            // A cell that no longer looks finished is passed over in silence; one that does
            // and cannot be trusted is named with the reason.
            if src_cell.join("summary-row.csv").is_file() {
                skipped += 1;
                assert_eq!(done.skipped.len(), 1, "mutant {k}: {done:?}");
                assert!(
                    done.skipped[0].contains(&src_cell.display().to_string()),
                    "mutant {k}: {:?}",
                    done.skipped
                );
            }
            assert!(!target.cell_dir(&cells[0]).exists(), "mutant {k}");
        }
        fs::remove_dir_all(&source).unwrap();
        fs::remove_dir_all(&target.path).unwrap();
    }
    eprintln!("{adopted} adopted, {skipped} skipped with a reason, of {MUTANTS}");
    assert!(adopted > 0 && skipped > 0);
}

/// Everything the disk watcher sends for `source` (the sweep under `sweeps`, its cell as a
/// run under `source/cells`), read on a thread of its own so that a hang fails the test
/// after a minute instead of blocking it.
fn watched(sweeps: PathBuf, source: PathBuf) -> Vec<Found> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let w = Watcher::spawn();
        w.send(Request::Runs(Some(source.join("cells"))));
        w.send(Request::Sweeps(Some(sweeps)));
        w.send(Request::Open(source));
        assert!(w.sync(), "the watcher is gone");
        let found: Vec<Found> = std::iter::from_fn(|| w.try_recv()).collect();
        let _ = tx.send((found, w.stop()));
    });
    let (found, stopped) = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the watcher hung on a damaged cell (or the test thread panicked)");
    assert_eq!(stopped, Ok(()), "the watcher thread panicked");
    found
}

#[test]
fn damaged_cells_never_panic_or_hang_the_watcher_and_each_unreadable_file_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let preset = grid_preset();
    let cells = preset.cells();
    let (good, outside) = good_sweep(root, &preset);
    let cell_name = good.cell_dir(&cells[0]).file_name().unwrap().to_owned();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(20);
    let mut named = 0;
    for k in 0..MUTANTS {
        let sweeps = root.join(format!("sweeps{k}"));
        let source = sweeps.join("fuzz");
        fs::create_dir(&sweeps).unwrap();
        let cell = damaged_copy(&good, &source, &cell_name, &outside, &mut rng);
        let found = watched(sweeps.clone(), source.clone());
        // What record says of each file the screens read, read directly.
        let run = RunDir { path: cell.clone() };
        let direct: Vec<String> = [run.preset().err(), run.metrics().err(), run.events().err()]
            .into_iter()
            .flatten()
            .map(|e| e.0)
            .collect();
        for f in &found {
            match f {
                Found::Runs(Ok(entries)) => {
                    for e in entries {
                        assert_eq!(e.unreadable, direct, "mutant {k}: {e:?}");
                        assert_eq!(e.phase == "unreadable", !direct.is_empty(), "mutant {k}");
                        named += e.unreadable.len();
                    }
                }
                Found::Opened(_, Ok(screen)) => {
                    let sweep = &screen.sweep;
                    let row = SweepDir::new(&source).cell_row(&cells[0]);
                    let said: Vec<&String> = sweep.unreadable().collect();
                    if sweep.counts().0 == 0
                        && let (CellStatus::Finished, Err(e)) =
                            (SweepDir::new(&source).recorded_status(&cells[0]), row)
                    {
                        assert_eq!(said, [&e.0], "mutant {k}");
                    } else {
                        assert!(said.is_empty(), "mutant {k}: {said:?}");
                    }
                }
                Found::Opened(path, Err(e)) => {
                    assert!(e.contains(&path.display().to_string()), "mutant {k}: {e}");
                }
                Found::Runs(Err(e)) | Found::Sweeps(Err(e)) => panic!("mutant {k}: {e}"),
                _ => {}
            }
        }
        fs::remove_dir_all(&sweeps).unwrap();
    }
    eprintln!("{named} unreadable files named in {MUTANTS} damaged cells");
    assert!(named > 0);
}
