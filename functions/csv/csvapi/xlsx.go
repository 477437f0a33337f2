package csvapi

import (
	"archive/zip"
	"compress/flate"
	"io"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"pkportal/csvout"
)

// maxCellChars is the most characters an Excel cell holds.
const maxCellChars = 32767

// writeXLSX writes the frame as a workbook of one sheet: a bold header
// row, frozen, then one row per record; numbers of number fields are
// numbers, dates of date fields dates (shown YYYY-MM-DD), text is text
// (an XLSX string cell is never read as a formula, so text needs no
// neutralising), empty cells are left blank.
func writeXLSX(w io.Writer, f csvout.Frame, sheet string) error {
	x := excelize.NewFile()
	defer x.Close()
	level := flate.BestSpeed
	if len(f.Records)*len(f.Fields) < smallSheet {
		level = flate.NoCompression // a small answer: spend no time on it
	}
	x.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return fastZip(w, level) })
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	isoDate := "yyyy-mm-dd"
	date, err := x.NewStyle(&excelize.Style{CustomNumFmt: &isoDate})
	if err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := make([]any, len(f.Fields))
	for i, name := range f.Fields {
		row[i] = excelize.Cell{StyleID: bold, Value: name}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	for r, rec := range f.Records {
		for i := range row {
			row[i] = nil
			if i >= len(rec) || rec[i] == "" {
				continue
			}
			v := rec[i]
			if i < len(f.Numeric) && f.Numeric[i] && csvout.IsNumber(v) {
				if n, err := strconv.ParseFloat(v, 64); err == nil {
					row[i] = n
					continue
				}
			}
			if i < len(f.Dates) && f.Dates[i] {
				if d, err := time.Parse(time.DateOnly, v); err == nil {
					row[i] = excelize.Cell{StyleID: date, Value: d}
					continue
				}
			}
			row[i] = clipCell(v)
		}
		cell, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = x.WriteTo(w)
	return err
}

// fastZip is a zip writer that compresses for speed, with pooled
// compressors: an answer is made for each request, and its size is far
// under the limit anyway.
func fastZip(w io.Writer, level int) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	pool := &flaters[0]
	if level == flate.NoCompression {
		pool = &flaters[1]
	}
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		fw, _ := pool.Get().(*flate.Writer)
		if fw == nil {
			var err error
			if fw, err = flate.NewWriter(out, level); err != nil {
				return nil, err
			}
		} else {
			fw.Reset(out)
		}
		return pooledFlate{fw, pool}, nil
	})
	return zw
}

// smallSheet is the number of cells under which a workbook is stored
// without compression.
const smallSheet = 2000

// flaters are pools of compressors: BestSpeed, NoCompression.
var flaters [2]sync.Pool

// pooledFlate gives its compressor back to its pool when closed.
type pooledFlate struct {
	*flate.Writer
	pool *sync.Pool
}

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	p.pool.Put(p.Writer)
	return err
}

// clipCell cuts a text longer than an Excel cell holds.
func clipCell(s string) string {
	if len(s) <= maxCellChars || utf8.RuneCountInString(s) <= maxCellChars {
		return s
	}
	n := 0
	for i := range s {
		if n == maxCellChars-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
