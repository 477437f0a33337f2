package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// A rebuild needs the content hash of every source (and corrections) file
// for its cache key: reading and hashing hundreds of megabytes each time
// was a third of a rebuild with nothing changed. The hashes are kept in
// the cache (sums.json) with the file's identity and times as stat(2)
// gives them (fileStat); a file whose stat is the same as when it was
// hashed is not read again. Any write to a file changes its ctime, which
// no program can set back; a stat is only trusted if its mtime and ctime
// were already older than the build that recorded it (by racyGap), so
// that a write in the same tick of the file system's clock as the hashing
// cannot go unseen ("racy" files are hashed again, as git does).

// racyGap is how old a file's times must be, when it is hashed, for its
// stat to be trusted by the next build.
var racyGap = 2 * time.Second

// fileSum is the content hash of a file and the stat it was taken with.
type fileSum struct {
	Stat fileStat `json:"stat"`
	Sum  string   `json:"sum"`
}

// fileStat identifies a version of a file: same device, inode, size,
// modification and change times.
type fileStat struct {
	Dev   uint64 `json:"dev"`
	Ino   uint64 `json:"ino"`
	Size  int64  `json:"size"`
	Mtime int64  `json:"mtime"` // nanoseconds since the epoch
	Ctime int64  `json:"ctime"`
}

// sums hashes files, reusing the hashes of the previous build for the
// files whose stat did not change.
type sums struct {
	start time.Time
	mu    sync.Mutex
	prev  map[string]fileSum
	now   map[string]fileSum
	read  int // files read and hashed by this build
}

func newSums(prev map[string]fileSum) *sums {
	if prev == nil {
		prev = map[string]fileSum{}
	}
	return &sums{start: time.Now(), prev: prev, now: map[string]fileSum{}}
}

// sum returns the hex SHA-256 of the file at path; ok is false if it does
// not exist.
func (s *sums) sum(path string) (sum string, ok bool, err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false, err
	}
	fi, err := os.Stat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	st, known := statOf(fi)
	s.mu.Lock()
	prev, had := s.prev[abs]
	s.mu.Unlock()
	if known && had && prev.Stat == st && s.trusted(st) {
		s.keep(abs, prev)
		return prev.Sum, true, nil
	}
	// stat before reading: a write during the read leaves a newer stat,
	// which the next build will not find equal to this one
	f, err := os.Open(abs)
	if err != nil {
		return "", false, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", false, err
	}
	sum = hex.EncodeToString(h.Sum(nil))
	s.mu.Lock()
	s.read++
	s.mu.Unlock()
	if known && s.trusted(st) {
		s.keep(abs, fileSum{Stat: st, Sum: sum})
	}
	return sum, true, nil
}

// trusted tells whether a file's times were older than the build by
// racyGap.
func (s *sums) trusted(st fileStat) bool {
	limit := s.start.Add(-racyGap).UnixNano()
	return st.Mtime < limit && st.Ctime < limit
}

func (s *sums) keep(path string, e fileSum) {
	s.mu.Lock()
	s.now[path] = e
	s.mu.Unlock()
}

// loadSums reads the hashes kept in the file path (none if it is missing
// or unreadable: every file is then hashed).
func loadSums(path string) map[string]fileSum {
	m := map[string]fileSum{}
	if b, err := os.ReadFile(path); err == nil {
		if json.Unmarshal(b, &m) != nil {
			return map[string]fileSum{}
		}
	}
	return m
}

// save writes the hashes of the files this build used into the file path.
func (s *sums) save(path string) error {
	s.mu.Lock()
	b, err := json.Marshal(s.now)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	return writeAtomic(path, b)
}
