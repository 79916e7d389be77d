fn main() {
    println!("{:?}", nerbench::registry().names());
}
