package hugobuild

import (
	"errors"
	"io/fs"
	"os"
	"sync"

	"github.com/spf13/afero"
)

// publishFs is the file system Hugo publishes to: the operating system's,
// except that once a write has failed (a full disk) it fails no more: it
// keeps the first error for Build to return and takes what it is given
// into memory. Hugo v0.165 hangs when ten pages fail to render (its page
// walker blocks handing a page to workers that have stopped, in
// Site.renderPages), and a full disk fails every page.
type publishFs struct {
	afero.Fs
	trash afero.Fs
	mu    sync.Mutex
	err   error
}

func newPublishFs() *publishFs {
	return &publishFs{Fs: afero.NewOsFs(), trash: afero.NewMemMapFs()}
}

// fail records err if it is the first.
func (p *publishFs) fail(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err == nil {
		p.err = err
	}
}

// Err returns the first write error, or nil.
func (p *publishFs) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

func (p *publishFs) Create(name string) (afero.File, error) {
	return p.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
}

func (p *publishFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_APPEND|os.O_TRUNC) == 0 {
		return p.Fs.OpenFile(name, flag, perm)
	}
	if p.Err() != nil {
		return p.trash.OpenFile(name, flag|os.O_CREATE, perm)
	}
	f, err := p.Fs.OpenFile(name, flag, perm)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err // Hugo makes the folder and tries again
	}
	if err != nil {
		p.fail(err)
		return p.trash.OpenFile(name, flag|os.O_CREATE, perm)
	}
	return &publishFile{File: f, fs: p}, nil
}

func (p *publishFs) Mkdir(name string, perm os.FileMode) error {
	return p.mkdir(p.Fs.Mkdir(name, perm))
}

func (p *publishFs) MkdirAll(name string, perm os.FileMode) error {
	return p.mkdir(p.Fs.MkdirAll(name, perm))
}

func (p *publishFs) mkdir(err error) error {
	if err != nil && !errors.Is(err, fs.ErrExist) {
		p.fail(err)
		return nil
	}
	return err
}

// publishFile is a file of publishFs: its write errors go to the file
// system's.
type publishFile struct {
	afero.File
	fs *publishFs
}

func (f *publishFile) Write(b []byte) (int, error) {
	if _, err := f.File.Write(b); err != nil {
		f.fs.fail(err) // an *fs.PathError: "write <file>: …"
	}
	return len(b), nil
}

func (f *publishFile) WriteString(s string) (int, error) { return f.Write([]byte(s)) }

func (f *publishFile) Close() error {
	if err := f.File.Close(); err != nil {
		f.fs.fail(err)
	}
	return nil
}
