package main

import (
	"os"

	"github.com/spf13/pflag"

	"github.com/movementcoord/ledger/eventstore/keystore"
)

// keysTokenEnv holds the key service's token. It is read from the
// environment only: a flag would show it in every process listing.
const keysTokenEnv = "LEDGER_KEYS_TOKEN"

// registerKeysFlags adds the flags that name the shared key service, for
// the commands that seal or open personal data (serve, demo, export).
func registerKeysFlags(fs *pflag.FlagSet, rc *keystore.RemoteConfig) {
	fs.StringVar(&rc.URL, "keys", "", "key service holding the keys of personal data, e.g. https://keys.internal:8089; "+
		"every server on one KurrentDB must use the same (env LEDGER_KEYS; token in "+keysTokenEnv+"); empty: <data>/keys.db")
	fs.StringVar(&rc.CAFile, "keys-ca", "", "PEM certificates to trust for the key service, besides the system's (env LEDGER_KEYS_CA)")
	rc.Token = os.Getenv(keysTokenEnv)
}
