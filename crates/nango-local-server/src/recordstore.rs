//! Cached sync records of one (integration, connection, model, variant).
//!
//! Records are kept in modification order under a monotonically increasing sequence
//! number. Synthetic records are stored compactly as blocks (a count and a base time) and
//! materialised only when one of them changes, so millions of them cost almost nothing.

use std::collections::{BTreeMap, HashMap, HashSet};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{Map, Value};

use crate::time::{iso_us, now_us};

/// Prefix of generated record ids (`gen-0`, `gen-1`, ...).
pub const GEN_PREFIX: &str = "gen-";

/// Most synthetic records one `generate` call adds.
pub const MAX_GENERATE: u64 = 1_000_000_000;

/// The last change seen on a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LastAction {
    /// First seen.
    Added,
    /// Changed.
    Updated,
    /// Deleted upstream.
    Deleted,
}

impl LastAction {
    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            LastAction::Added => "ADDED",
            LastAction::Updated => "UPDATED",
            LastAction::Deleted => "DELETED",
        }
    }

    /// Parses a `filter` value (`added`, `updated`, `deleted`, any case).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "added" => Some(LastAction::Added),
            "updated" => Some(LastAction::Updated),
            "deleted" => Some(LastAction::Deleted),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
struct Rec {
    id: String,
    data: Map<String, Value>,
    first_seen_us: i64,
    last_modified_us: i64,
    action: LastAction,
    deleted_at_us: Option<i64>,
    pruned_at_us: Option<i64>,
}

#[derive(Debug, Clone)]
struct Block {
    count: u64,
    first_index: u64,
    base_us: i64,
    removed: HashSet<u64>,
    pruned_below: u64,
    pruned_at_us: i64,
}

#[derive(Debug, Clone)]
enum Slot {
    One(Rec),
    Block(Block),
}

/// A record as returned by `GET /records`.
#[derive(Debug, Clone)]
pub struct RecView {
    /// Sequence number (position in modification order).
    pub seq: u64,
    id: String,
    data: Option<Map<String, Value>>,
    gen_index: u64,
    first_seen_us: i64,
    last_modified_us: i64,
    action: LastAction,
    deleted_at_us: Option<i64>,
    pruned_at_us: Option<i64>,
}

impl RecView {
    /// The opaque cursor of this record.
    pub fn cursor(&self) -> String {
        encode_cursor(self.seq, self.last_modified_us)
    }

    /// The record's JSON, with `_nango_metadata`.
    pub fn to_json(&self) -> Value {
        let mut m = match (&self.data, self.pruned_at_us) {
            (_, Some(_)) => {
                let mut m = Map::new();
                m.insert("id".into(), Value::String(self.id.clone()));
                m
            }
            (Some(d), None) => d.clone(),
            (None, None) => generated_data(&self.id, self.gen_index),
        };
        let meta = serde_json::json!({
            "first_seen_at": iso_us(self.first_seen_us),
            "last_modified_at": iso_us(self.last_modified_us),
            "last_action": self.action.as_str(),
            "deleted_at": self.deleted_at_us.map(iso_us),
            "pruned_at": self.pruned_at_us.map(iso_us),
            "cursor": self.cursor(),
        });
        m.insert("_nango_metadata".into(), meta);
        Value::Object(m)
    }
}

fn generated_data(id: &str, n: u64) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), Value::String(id.to_string()));
    m.insert("name".into(), Value::String(format!("Item {n}")));
    m.insert("index".into(), Value::from(n));
    m
}

/// Encodes a cursor (base64 of `timestamp||seq`, like Nango's opaque cursors).
pub fn encode_cursor(seq: u64, us: i64) -> String {
    STANDARD.encode(format!("{}||{seq}", iso_us(us)))
}

/// Decodes a cursor into its sequence number.
pub fn decode_cursor(c: &str) -> Option<u64> {
    let raw = STANDARD.decode(c.trim()).ok()?;
    let s = String::from_utf8(raw).ok()?;
    let (_, seq) = s.rsplit_once("||")?;
    seq.parse().ok()
}

/// A removed record: (first seen µs, data, whether it was live).
type Taken = (i64, Option<Map<String, Value>>, bool);

/// Counts of changes, as in a sync webhook's `responseResults`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    /// Records added.
    pub added: u64,
    /// Records updated.
    pub updated: u64,
    /// Records deleted.
    pub deleted: u64,
}

/// Query of a page of records.
#[derive(Debug, Clone, Default)]
pub struct PageQuery {
    /// Exclusive lower bound (sequence of the cursor).
    pub after: Option<u64>,
    /// Page size.
    pub limit: usize,
    /// Allowed last actions (`None`: all).
    pub filter: Option<Vec<LastAction>>,
    /// Only records modified at or after this time (µs).
    pub modified_after_us: Option<i64>,
    /// Only these ids.
    pub ids: Option<Vec<String>>,
}

/// All records of one model of one connection.
#[derive(Debug, Clone, Default)]
pub struct RecordSet {
    slots: BTreeMap<u64, Slot>,
    index: HashMap<String, u64>,
    next_seq: u64,
    last_us: i64,
    next_gen_index: u64,
    live: u64,
    total: u64,
    /// (first generated index, start seq, count) of each block, by increasing index.
    blocks: Vec<(u64, u64, u64)>,
}

impl RecordSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    fn tick(&mut self) -> (u64, i64) {
        let seq = self.next_seq;
        self.next_seq = self.next_seq.saturating_add(1);
        let us = now_us().max(self.last_us.saturating_add(1));
        self.last_us = us;
        (seq, us)
    }

    /// The sequence number the next change will get.
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Number of records not deleted.
    pub fn live_count(&self) -> u64 {
        self.live
    }

    /// Number of records, deleted ones included.
    pub fn total_count(&self) -> u64 {
        self.total
    }

    fn parse_gen(&self, id: &str) -> Option<(u64, u64)> {
        let n: u64 = id.strip_prefix(GEN_PREFIX)?.parse().ok()?;
        if format!("{GEN_PREFIX}{n}") != id {
            return None;
        }
        // Find the block holding generated index n.
        let pos = self.blocks.partition_point(|b| b.0 <= n);
        let &(first, start, count) = self.blocks.get(pos.checked_sub(1)?)?;
        if n >= first.saturating_add(count) {
            return None;
        }
        if let Some(Slot::Block(b)) = self.slots.get(&start) {
            let off = n - first;
            if !b.removed.contains(&off) {
                return Some((start, off));
            }
        }
        None
    }

    /// Sequence number of a record by id.
    pub fn find(&self, id: &str) -> Option<u64> {
        if let Some(&s) = self.index.get(id) {
            return Some(s);
        }
        self.parse_gen(id).map(|(start, off)| start + off)
    }

    fn view(&self, seq: u64) -> Option<RecView> {
        let (&start, slot) = self.slots.range(..=seq).next_back()?;
        match slot {
            Slot::One(r) if start == seq => Some(view_one(seq, r)),
            Slot::Block(b) if seq - start < b.count => {
                let off = seq - start;
                if b.removed.contains(&off) {
                    None
                } else {
                    Some(view_gen(start, b, off))
                }
            }
            _ => None,
        }
    }

    /// Removes a record (by seq) and returns (first_seen, was_live) for a re-insert.
    fn take(&mut self, seq: u64) -> Option<Taken> {
        let (&start, _) = self.slots.range(..=seq).next_back()?;
        if start == seq {
            if let Some(Slot::One(_)) = self.slots.get(&seq) {
                if let Some(Slot::One(r)) = self.slots.remove(&seq) {
                    self.index.remove(&r.id);
                    self.total -= 1;
                    let live = r.action != LastAction::Deleted;
                    if live {
                        self.live -= 1;
                    }
                    return Some((r.first_seen_us, Some(r.data), live));
                }
                return None;
            }
        }
        if let Some(Slot::Block(b)) = self.slots.get_mut(&start) {
            let off = seq - start;
            if off < b.count && b.removed.insert(off) {
                self.total -= 1;
                self.live -= 1;
                let n = b.first_index + off;
                return Some((
                    b.base_us + off as i64,
                    Some(generated_data(&format!("{GEN_PREFIX}{n}"), n)),
                    true,
                ));
            }
        }
        None
    }

    fn insert(&mut self, rec: Rec, seq: u64) {
        if rec.action != LastAction::Deleted {
            self.live += 1;
        }
        self.total += 1;
        self.index.insert(rec.id.clone(), seq);
        self.slots.insert(seq, Slot::One(rec));
    }

    /// Adds or updates records (each must have an `id`, string or number).
    /// Returns the counts, or the index of the first record without an id.
    pub fn upsert(&mut self, records: Vec<Value>) -> Result<Changes, usize> {
        let mut changes = Changes::default();
        for (i, r) in records.iter().enumerate() {
            if record_id(r).is_none() {
                return Err(i);
            }
        }
        for r in records {
            let Value::Object(mut data) = r else { continue };
            let Some(id) = record_id_of(&data) else {
                continue;
            };
            data.insert("id".into(), Value::String(id.clone()));
            let (seq, us) = self.tick();
            let (first_seen, action) = match self.find(&id).and_then(|s| self.take(s)) {
                Some((first, _, _)) => {
                    changes.updated += 1;
                    (first, LastAction::Updated)
                }
                None => {
                    changes.added += 1;
                    (us, LastAction::Added)
                }
            };
            self.insert(
                Rec {
                    id,
                    data,
                    first_seen_us: first_seen,
                    last_modified_us: us,
                    action,
                    deleted_at_us: None,
                    pruned_at_us: None,
                },
                seq,
            );
        }
        Ok(changes)
    }

    /// Marks records as deleted; returns how many existed and were not deleted yet.
    pub fn delete(&mut self, ids: &[String]) -> u64 {
        let mut n = 0;
        for id in ids {
            let Some(old_seq) = self.find(id) else {
                continue;
            };
            if let Some(v) = self.view(old_seq) {
                if v.action == LastAction::Deleted {
                    continue;
                }
            }
            let Some((first, data, _)) = self.take(old_seq) else {
                continue;
            };
            let (seq, us) = self.tick();
            self.insert(
                Rec {
                    id: id.clone(),
                    data: data.unwrap_or_default(),
                    first_seen_us: first,
                    last_modified_us: us,
                    action: LastAction::Deleted,
                    deleted_at_us: Some(us),
                    pruned_at_us: None,
                },
                seq,
            );
            n += 1;
        }
        n
    }

    /// Appends `n` synthetic records (`gen-<i>`, `{id, name, index}`), in O(1).
    pub fn generate(&mut self, n: u64) {
        let n = n.min(MAX_GENERATE);
        if n == 0 {
            return;
        }
        let start = self.next_seq;
        self.next_seq = self.next_seq.saturating_add(n);
        let base = now_us().max(self.last_us.saturating_add(1));
        // n <= MAX_GENERATE: it fits an i64.
        self.last_us = base.saturating_add(n as i64 - 1);
        let block = Block {
            count: n,
            first_index: self.next_gen_index,
            base_us: base,
            removed: HashSet::new(),
            pruned_below: 0,
            pruned_at_us: 0,
        };
        self.blocks.push((self.next_gen_index, start, n));
        self.next_gen_index += n;
        self.live += n;
        self.total += n;
        self.slots.insert(start, Slot::Block(block));
    }

    /// One page of records in modification order; the bool tells whether more follow.
    pub fn page(&self, q: &PageQuery) -> (Vec<RecView>, bool) {
        let start = q.after.map(|s| s.saturating_add(1)).unwrap_or(0);
        let need = q.limit.saturating_add(1);
        let accept = |v: &RecView| -> bool {
            if let Some(f) = &q.filter {
                if !f.contains(&v.action) {
                    return false;
                }
            }
            if let Some(ma) = q.modified_after_us {
                if v.last_modified_us < ma {
                    return false;
                }
            }
            true
        };
        let mut out: Vec<RecView> = Vec::new();
        if let Some(ids) = &q.ids {
            let mut seqs: Vec<u64> = ids
                .iter()
                .filter_map(|id| self.find(id))
                .filter(|s| *s >= start)
                .collect();
            seqs.sort_unstable();
            seqs.dedup();
            for s in seqs {
                if let Some(v) = self.view(s) {
                    if accept(&v) {
                        out.push(v);
                        if out.len() >= need {
                            break;
                        }
                    }
                }
            }
        } else {
            let gen_ok = q
                .filter
                .as_ref()
                .map(|f| f.contains(&LastAction::Added))
                .unwrap_or(true);
            let scan_block = |out: &mut Vec<RecView>, bstart: u64, b: &Block, from: u64| {
                if !gen_ok {
                    return;
                }
                let mut off = from;
                if let Some(ma) = q.modified_after_us {
                    let min = ma.saturating_sub(b.base_us);
                    if min > 0 && min as u64 > off {
                        off = min as u64;
                    }
                }
                while off < b.count && out.len() < need {
                    if !b.removed.contains(&off) {
                        out.push(view_gen(bstart, b, off));
                    }
                    off += 1;
                }
            };
            if let Some((&bstart, Slot::Block(b))) = self.slots.range(..start).next_back() {
                if bstart.saturating_add(b.count) > start {
                    scan_block(&mut out, bstart, b, start - bstart);
                }
            }
            for (&s, slot) in self.slots.range(start..) {
                if out.len() >= need {
                    break;
                }
                match slot {
                    Slot::One(r) => {
                        let v = view_one(s, r);
                        if accept(&v) {
                            out.push(v);
                        }
                    }
                    Slot::Block(b) => scan_block(&mut out, s, b, 0),
                }
            }
        }
        let more = out.len() > q.limit;
        out.truncate(q.limit);
        (out, more)
    }

    /// Prunes (empties the payload of) records up to and including `until`, at most `limit`.
    /// Returns the count pruned and whether unpruned records up to `until` remain.
    pub fn prune(&mut self, until: u64, limit: u64) -> (u64, bool) {
        let now = now_us();
        let mut count = 0u64;
        let mut more = false;
        let keys: Vec<u64> = self.slots.range(..=until).map(|(k, _)| *k).collect();
        for k in keys {
            let Some(slot) = self.slots.get_mut(&k) else {
                continue;
            };
            match slot {
                Slot::One(r) => {
                    if r.pruned_at_us.is_some() {
                        continue;
                    }
                    if count >= limit {
                        more = true;
                        break;
                    }
                    r.pruned_at_us = Some(now);
                    r.data = Map::new();
                    count += 1;
                }
                Slot::Block(b) => {
                    // k <= until; until can be u64::MAX (a cursor names any sequence).
                    let end = (until - k).saturating_add(1).min(b.count);
                    while b.pruned_below < end {
                        if !b.removed.contains(&b.pruned_below) {
                            if count >= limit {
                                more = true;
                                break;
                            }
                            count += 1;
                        }
                        b.pruned_below += 1;
                    }
                    if count > 0 {
                        b.pruned_at_us = now;
                    }
                    if more {
                        break;
                    }
                }
            }
        }
        (count, more)
    }

    /// Counts changes made at or after sequence `since`.
    pub fn changes_since(&self, since: u64) -> Changes {
        let mut c = Changes::default();
        if let Some((&bstart, Slot::Block(b))) = self.slots.range(..since).next_back() {
            if bstart.saturating_add(b.count) > since {
                let from = since - bstart;
                let removed = b.removed.iter().filter(|o| **o >= from).count() as u64;
                c.added += b.count - from - removed;
            }
        }
        for (_, slot) in self.slots.range(since..) {
            match slot {
                Slot::One(r) => match r.action {
                    LastAction::Added => c.added += 1,
                    LastAction::Updated => c.updated += 1,
                    LastAction::Deleted => c.deleted += 1,
                },
                Slot::Block(b) => c.added += b.count - b.removed.len() as u64,
            }
        }
        c
    }
}

fn view_one(seq: u64, r: &Rec) -> RecView {
    RecView {
        seq,
        id: r.id.clone(),
        data: Some(r.data.clone()),
        gen_index: 0,
        first_seen_us: r.first_seen_us,
        last_modified_us: r.last_modified_us,
        action: r.action,
        deleted_at_us: r.deleted_at_us,
        pruned_at_us: r.pruned_at_us,
    }
}

fn view_gen(start: u64, b: &Block, off: u64) -> RecView {
    let n = b.first_index + off;
    let us = b.base_us + off as i64;
    RecView {
        seq: start + off,
        id: format!("{GEN_PREFIX}{n}"),
        data: None,
        gen_index: n,
        first_seen_us: us,
        last_modified_us: us,
        action: LastAction::Added,
        deleted_at_us: None,
        pruned_at_us: if off < b.pruned_below {
            Some(b.pruned_at_us)
        } else {
            None
        },
    }
}

fn record_id_of(m: &Map<String, Value>) -> Option<String> {
    match m.get("id")? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The id of a record value, if it has a usable one.
pub fn record_id(v: &Value) -> Option<String> {
    v.as_object().and_then(record_id_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids(v: &[RecView]) -> Vec<String> {
        v.iter().map(|r| r.id.clone()).collect()
    }

    #[test]
    fn paging_mixes_blocks_and_records() {
        let mut s = RecordSet::new();
        s.upsert(vec![json!({"id": "a"}), json!({"id": 2})])
            .unwrap();
        s.generate(5);
        s.upsert(vec![json!({"id": "a", "v": 1})]).unwrap();
        s.delete(&["gen-1".to_string()]);
        let (p, more) = s.page(&PageQuery {
            limit: 3,
            ..Default::default()
        });
        assert_eq!(ids(&p), ["2", "gen-0", "gen-2"]);
        assert!(more);
        let after = decode_cursor(&p[2].cursor());
        let (p2, more) = s.page(&PageQuery {
            after,
            limit: 10,
            ..Default::default()
        });
        assert_eq!(ids(&p2), ["gen-3", "gen-4", "a", "gen-1"]);
        assert!(!more);
        assert_eq!(p2[2].to_json()["_nango_metadata"]["last_action"], "UPDATED");
        assert_eq!(p2[3].to_json()["_nango_metadata"]["last_action"], "DELETED");
        assert_eq!(s.live_count(), 6);
        let (d, _) = s.page(&PageQuery {
            limit: 10,
            filter: Some(vec![LastAction::Deleted]),
            ..Default::default()
        });
        assert_eq!(ids(&d), ["gen-1"]);
        let (byid, _) = s.page(&PageQuery {
            limit: 10,
            ids: Some(vec!["gen-4".into(), "a".into(), "zz".into()]),
            ..Default::default()
        });
        assert_eq!(ids(&byid), ["gen-4", "a"]);
    }

    #[test]
    fn million_records_are_cheap_and_prunable() {
        let mut s = RecordSet::new();
        s.generate(1_000_000);
        let (p, more) = s.page(&PageQuery {
            after: Some(999_000),
            limit: 10_000,
            ..Default::default()
        });
        assert_eq!(p.len(), 999);
        assert!(!more);
        let (n, more) = s.prune(499, 1000);
        assert_eq!((n, more), (500, false));
        let (p, _) = s.page(&PageQuery {
            limit: 1,
            ..Default::default()
        });
        assert!(p[0].to_json()["_nango_metadata"]["pruned_at"].is_string());
        assert_eq!(s.changes_since(999_990).added, 10);
    }

    #[test]
    fn extreme_sequences_and_times() {
        let mut s = RecordSet::new();
        s.generate(10);
        // Generated records first: the block starts at sequence 0.
        assert_eq!(s.prune(u64::MAX, 10_000), (10, false));
        let (p, more) = s.page(&PageQuery {
            after: Some(u64::MAX),
            limit: 10,
            ..Default::default()
        });
        assert!(p.is_empty() && !more);
        let (p, _) = s.page(&PageQuery {
            limit: 10,
            modified_after_us: Some(i64::MIN),
            ..Default::default()
        });
        assert_eq!(p.len(), 10);
        let (p, _) = s.page(&PageQuery {
            limit: 10,
            modified_after_us: Some(i64::MAX),
            ..Default::default()
        });
        assert!(p.is_empty());
        assert_eq!(s.changes_since(u64::MAX), Changes::default());
        assert_eq!(s.find("gen-18446744073709551615"), None);
    }
}
