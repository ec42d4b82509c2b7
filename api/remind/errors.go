package remind

import "errors"

// ErrNoRecipients is a digest with nobody to send to (a programming error).
var ErrNoRecipients = errors.New("remind: digest without a recipient address")

// ErrSMTPURL is an --smtp value that is not smtp://host:port.
var ErrSMTPURL = errors.New("remind: --smtp must be smtp://host:port (STARTTLS) or smtps://host:port")
