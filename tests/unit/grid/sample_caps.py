"""Real caps made on a private grid (throwaway keys), one of each kind, for unit tests."""

CAPS = {
    "CHK": "URI:CHK:mjfsqfwfa4xey5iircvexbmaii:2dglelj553hpqt3odjzecz7eukv7va2rrquiinovzphjgvyxvlua:2:3:100",
    "CHK-Verifier": "URI:CHK-Verifier:7535twl7sp6ms7jf7setnvgk2m:2dglelj553hpqt3odjzecz7eukv7va2rrquiinovzphjgvyxvlua:2:3:100",
    "LIT": "URI:LIT:nbuq",
    "SSK": "URI:SSK:7mvdr7suaovb6h47xnxwyjv5re:lxmvpcdwmvjif6zyryrmxx2f272an5oe45pfhnmjx6e2hrjcy4ca",
    "SSK-RO": "URI:SSK-RO:26ro3ypssylaeefckhavenh7ga:lxmvpcdwmvjif6zyryrmxx2f272an5oe45pfhnmjx6e2hrjcy4ca",
    "SSK-Verifier": "URI:SSK-Verifier:sokjoizveqwkfvmaybswhjieaa:lxmvpcdwmvjif6zyryrmxx2f272an5oe45pfhnmjx6e2hrjcy4ca",
    "MDMF": "URI:MDMF:il3ae76l424u3cxeuzesbqtjxq:crtx23fz3hszcoqa2a4eijbciasltmxlvutt2tgbdvycjhyucr4q",
    "MDMF-RO": "URI:MDMF-RO:7icskcc5p7tuuacv6nf5ujqz5y:crtx23fz3hszcoqa2a4eijbciasltmxlvutt2tgbdvycjhyucr4q",
    "MDMF-Verifier": "URI:MDMF-Verifier:n5lynczgay346wf46vxyglvphu:crtx23fz3hszcoqa2a4eijbciasltmxlvutt2tgbdvycjhyucr4q",
    "DIR2": "URI:DIR2:vtstevmoqyg6xgywfwunypzdpe:wcatnck6blvjwxfwyho4sfb3cphohqphmnjkzwsnenhfazqiwj6a",
    "DIR2-RO": "URI:DIR2-RO:yqkpgzohkmw5y5rqpyuf6gkvgq:wcatnck6blvjwxfwyho4sfb3cphohqphmnjkzwsnenhfazqiwj6a",
    "DIR2-Verifier": "URI:DIR2-Verifier:wmjzmzxaqdzy2jhxtrp47lzgpm:wcatnck6blvjwxfwyho4sfb3cphohqphmnjkzwsnenhfazqiwj6a",
    "DIR2-MDMF": "URI:DIR2-MDMF:vhilbhzvp2jcsbz2xpszakwc4q:rf5cb63kiuf4bw75fhvc7u75coq6x7kphhgxk3rohsy5pzys6wma",
    "DIR2-MDMF-RO": "URI:DIR2-MDMF-RO:li6qbs7tgahqf7kmltpwfkd2bq:rf5cb63kiuf4bw75fhvc7u75coq6x7kphhgxk3rohsy5pzys6wma",
    "DIR2-CHK": "URI:DIR2-CHK:6hujeslkbjponop5li5nnordqu:byw4f42xxtrx6tcw4i3tehzxg7xjomevhdqtzwsebyqhxhfhsaga:2:3:116",
    "DIR2-LIT": "URI:DIR2-LIT:",
}
