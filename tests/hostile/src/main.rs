//! `nango-hostile-server`: serves the hostile Nango look-alike on a loopback port
//! (`--port`, default 0: any free one) and prints `listening on http://127.0.0.1:PORT`
//! as its first line, for the package's test runners.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut port = 0u16;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => port = args.next().and_then(|p| p.parse().ok()).unwrap_or(0),
            other => {
                eprintln!("usage: nango-hostile-server [--port N] (unknown argument {other:?})");
                std::process::exit(2);
            }
        }
    }
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    nango_hostile_server::serve(listener).await
}
