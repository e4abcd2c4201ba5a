// Command ferretdb runs FerretDB v1 for the local stack, on its PostgreSQL back end (the default of
// the stack, see docs/adr/0010) or on its SQLite back end.
// A plain `go install` of FerretDB's own command panics on a missing generated version file;
// embedding its public package avoids that and keeps telemetry off.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data", "", "absolute path of an existing directory for the SQLite files")
	handler := flag.String("handler", "sqlite", "postgresql or sqlite")
	pgURL := flag.String("postgresql-url", "", "URL of the PostgreSQL database, for the postgresql handler")
	flag.Parse()
	if *handler == "sqlite" && *dataDir == "" {
		log.Fatal("-data is required for the sqlite handler")
	}
	if *handler == "postgresql" && *pgURL == "" {
		log.Fatal("-postgresql-url is required for the postgresql handler")
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Handler:       *handler,
		SQLiteURL:     "file:" + *dataDir + "/",
		PostgreSQLURL: *pgURL,
	})
	if err != nil {
		log.Fatal(err)
	}

	done := make(chan struct{})
	go func() {
		f.Run(ctx)
		close(done)
	}()
	// The stack script waits for this line before declaring the database ready.
	fmt.Fprintf(os.Stdout, "FerretDB listening: %s\n", f.MongoDBURI())
	<-done
}
