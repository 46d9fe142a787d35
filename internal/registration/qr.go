package registration

import (
	"bytes"
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// QR codes use error correction level M (15%): a ticket on a cracked phone
// screen or a creased printout still scans, and a 35-character code stays a
// small symbol (version 3, 29×29 modules).

// TicketPNG renders the code as a PNG of size×size pixels.
func TicketPNG(code string, size int) ([]byte, error) {
	png, err := qrcode.Encode(code, qrcode.Medium, size)
	if err != nil {
		return nil, fmt.Errorf("render QR code: %w", err)
	}
	return png, nil
}

// TicketSVG renders the code as a scalable SVG: one path of unit squares,
// crisp at any print size.
func TicketSVG(code string) ([]byte, error) {
	q, err := qrcode.New(code, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("render QR code: %w", err)
	}
	bits := q.Bitmap() // includes the quiet zone
	n := len(bits)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges" role="img" aria-label="QR %s">`, n, n, code)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y, row := range bits {
		for x, dark := range row {
			if dark {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x, y)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	return b.Bytes(), nil
}
