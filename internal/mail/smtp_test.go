package mail

import (
	"bufio"
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"testing"
	"time"
)

// fakeSMTP is the far side of the edge: a loopback server that speaks just
// enough SMTP to take one message, and hands over what it received.
func fakeSMTP(t *testing.T) (addr string, got <-chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	out := make(chan string, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(10 * time.Second))
		r := bufio.NewReader(c)
		say := func(s string) { io.WriteString(c, s+"\r\n") }
		say("220 fake.example ESMTP")
		var data strings.Builder
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
			case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
				say("250 fake.example")
			case strings.HasPrefix(cmd, "MAIL FROM"), strings.HasPrefix(cmd, "RCPT TO"):
				say("250 ok")
			case cmd == "DATA":
				say("354 go ahead")
				for {
					l, err := r.ReadString('\n')
					if err != nil || l == ".\r\n" {
						break
					}
					data.WriteString(l)
				}
				say("250 queued")
				out <- data.String()
			case cmd == "QUIT":
				say("221 bye")
				return
			default:
				say("500 what")
			}
		}
	}()
	return ln.Addr().String(), out
}

func TestSMTPSenderDeliversUTF8(t *testing.T) {
	addr, got := fakeSMTP(t)
	s, err := ParseSMTPURL("smtp://" + addr + "?from=noreply@forum.example")
	if err != nil {
		t.Fatal(err)
	}
	body := "打开以下链接设置新密码：\nhttps://forum.example/zh/password?token=cvr_" + strings.Repeat("x", 80) + "\n"
	if err := s.Send(context.Background(), Message{To: "li.na@example.org", Subject: "重置密码 · Reset your password", Body: body}); err != nil {
		t.Fatal(err)
	}
	var raw string
	select {
	case raw = <-got:
	case <-time.After(10 * time.Second):
		t.Fatal("the server received no message")
	}
	msg, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("not a mail message: %v\n%s", err, raw)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != "重置密码 · Reset your password" {
		t.Errorf("subject %q %v", subject, err)
	}
	if msg.Header.Get("From") != "noreply@forum.example" || msg.Header.Get("To") != "li.na@example.org" || msg.Header.Get("Message-Id") == "" {
		t.Errorf("headers %v", msg.Header)
	}
	decoded, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil || strings.ReplaceAll(string(decoded), "\r\n", "\n") != body {
		t.Errorf("body %q %v", decoded, err)
	}
}

func TestParseSMTPURL(t *testing.T) {
	s, err := ParseSMTPURL("smtp://user:secret@relay.example?from=noreply@forum.example")
	if err != nil || s.Addr != "relay.example:587" || s.Username != "user" || s.Password != "secret" || s.From != "noreply@forum.example" {
		t.Errorf("%+v %v", s, err)
	}
	for _, bad := range []string{"http://relay.example?from=a@b", "smtp://relay.example", "smtp://?from=a@b", "smtp://u:pw@relay.example?from=nobody"} {
		if _, err := ParseSMTPURL(bad); err == nil {
			t.Errorf("%q accepted", bad)
		} else if strings.Contains(err.Error(), "pw") {
			t.Errorf("%q: the error shows the password: %v", bad, err)
		}
	}
	if _, err := (&SMTPSender{From: "a@b"}).format(Message{To: "x@example.org\r\nBcc: y@example.org", Subject: "s"}); err == nil {
		t.Error("a header injection was formatted")
	}
}
