// Package personal protects personal data inside event payloads by
// crypto-shredding: each personal field is encrypted with a key that belongs
// to the person it is about, and erasing the person destroys that key. The
// log keeps only ciphertext, so it never has to change, and every hash over
// it stays valid whatever happens to the keys.
//
// The package is pure: keys come from the caller (a key store outside the
// log), and it does no I/O.
package personal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// KeySize is the length of a person's key: AES-256.
const KeySize = 32

// sealPrefix marks a sealed value, and its version of the format:
// "pii1:" + base64url(nonce || AES-GCM ciphertext and tag).
const sealPrefix = "pii1:"

// Erased is what a personal field reads as once its person's key is gone.
const Erased = "[erased]"

// IsSealed reports whether s is a sealed value rather than plaintext.
func IsSealed(s string) bool { return strings.HasPrefix(s, sealPrefix) }

// Seal encrypts plaintext for person with key. The person id is bound in as
// associated data, so a value cannot be moved to another person's record.
func Seal(key []byte, person uuid.UUID, plaintext string) (string, error) {
	aead, err := newAEAD(key)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("seal: nonce: %w", err)
	}
	out := aead.Seal(nonce, nonce, []byte(plaintext), person[:])
	return sealPrefix + base64.RawURLEncoding.EncodeToString(out), nil
}

// Unseal decrypts a value Seal produced for person with key.
func Unseal(key []byte, person uuid.UUID, sealed string) (string, error) {
	raw, ok := strings.CutPrefix(sealed, sealPrefix)
	if !ok {
		return "", fmt.Errorf("%w: not a sealed value", ErrCorrupt)
	}
	data, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	aead, err := newAEAD(key)
	if err != nil {
		return "", err
	}
	if len(data) < aead.NonceSize()+aead.Overhead() {
		return "", fmt.Errorf("%w: %d bytes is too short", ErrCorrupt, len(data))
	}
	plain, err := aead.Open(nil, data[:aead.NonceSize()], data[aead.NonceSize():], person[:])
	if err != nil {
		return "", fmt.Errorf("%w: wrong key or altered value", ErrCorrupt)
	}
	return string(plain), nil
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("%w: %d bytes, want %d", ErrBadKey, len(key), KeySize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadKey, err)
	}
	return cipher.NewGCM(block)
}

// NewKey returns a fresh random key.
func NewKey() ([]byte, error) {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, fmt.Errorf("new key: %w", err)
	}
	return k, nil
}
