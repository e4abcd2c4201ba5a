// Command ferretdb runs FerretDB v1 with its SQLite engine for the local stack.
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
	flag.Parse()
	if *dataDir == "" {
		log.Fatal("-data is required")
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Handler:   "sqlite",
		SQLiteURL: "file:" + *dataDir + "/",
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
