// files: a Rust (std only) WASI command that walks what a program typically does with files, and prints what it
// sees, so a test can compare. Run with a preopened directory as "." (--dir .:HOST).
//   files [NAME=VALUE...]      expects env GREETING; exits with 3 when the directory is not writable
use std::env;
use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::process;

fn main() {
    let args: Vec<String> = env::args().collect();
    println!("args: {:?}", &args[1..]);
    println!("GREETING={}", env::var("GREETING").unwrap_or_else(|_| "<unset>".to_string()));
    println!("PATH set: {}", env::var("PATH").is_ok());

    fs::create_dir_all("work/nested").expect("create_dir_all");
    let mut f = fs::File::create("work/nested/data.txt").unwrap_or_else(|e| {
        println!("cannot create: {}", e);
        process::exit(3)
    });
    f.write_all(b"0123456789").unwrap();
    f.seek(SeekFrom::Start(4)).unwrap();
    f.write_all(b"ab").unwrap();
    drop(f);
    let mut text = String::new();
    fs::File::open("work/nested/data.txt").unwrap().read_to_string(&mut text).unwrap();
    println!("data: {}", text);
    println!("size: {}", fs::metadata("work/nested/data.txt").unwrap().len());

    let mut f = fs::OpenOptions::new().append(true).open("work/nested/data.txt").unwrap();
    f.write_all(b"!").unwrap();
    drop(f);
    println!("appended: {}", fs::read_to_string("work/nested/data.txt").unwrap());

    fs::rename("work/nested/data.txt", "work/moved.txt").unwrap();
    let mut names: Vec<String> = fs::read_dir("work").unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    println!("work: {:?}", names);
    println!("missing: {}", fs::read("work/none").map(|_| "found".to_string()).unwrap_or_else(|e| format!("{:?}", e.kind())));
    println!("outside: {}", fs::read("../etc/passwd").map(|_| "READ".to_string()).unwrap_or_else(|e| format!("{:?}", e.kind())));

    fs::remove_file("work/moved.txt").unwrap();
    fs::remove_dir("work/nested").unwrap();
    fs::remove_dir("work").unwrap();
    println!("cleaned up: {}", !fs::metadata("work").is_ok());
    let code: i32 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(0);
    process::exit(code);
}
