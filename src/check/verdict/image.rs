//! `image` verdicts.

use bytesize::ByteSize;

use super::first_failure;
use crate::check::outcome::{Outcome, Reason};
use crate::check::spec::ImageCheck;
use crate::facts::ImageFacts;

/// Judges an image. `other` is the image behind `same_as`, when the check names one;
/// `since` is when the step began and `tagged` the time of an `image tag` event for this
/// image after it (nanoseconds since the epoch). A build tags its image every time, also when
/// BuildKit takes everything from the cache and returns the old image with its old `Created`.
pub fn image(
    check: &ImageCheck,
    found: Option<&ImageFacts>,
    other: Option<&ImageFacts>,
    since: i64,
    tagged: Option<i64>,
) -> Outcome {
    let Some(img) = found else {
        return Outcome::Failed(Reason::ImageMissing {
            reference: check.reference.clone(),
        });
    };
    let same = check.same_as.as_ref().and_then(|o| match other {
        None => Some(Reason::ImageMissing {
            reference: o.clone(),
        }),
        Some(other_img) if other_img.id != img.id => Some(Reason::ImageNotSame {
            reference: check.reference.clone(),
            other: o.clone(),
        }),
        Some(_) => None,
    });
    let size = check
        .max_size
        .filter(|max| img.size > max.as_u64())
        .map(|max| Reason::ImageTooBig {
            reference: check.reference.clone(),
            size: ByteSize(img.size).display().si().to_string(),
            max: max.display().si().to_string(),
        });
    let root = (check.non_root_user && is_root(&img.user)).then(|| Reason::ImageRootUser {
        reference: check.reference.clone(),
    });
    let built = img.created > since || tagged.is_some_and(|t| t > since);
    let rebuilt = (check.built_during_step && !built).then(|| Reason::ImageNotRebuilt {
        reference: check.reference.clone(),
    });
    first_failure([same, size, root, rebuilt])
}

/// `""`, `root`, `0`, `0:0` and `root:...` all mean root.
pub fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or("").trim();
    name.is_empty() || name == "root" || name == "0"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(id: &str) -> ImageFacts {
        ImageFacts {
            id: id.into(),
            size: 150_000_000,
            user: String::new(),
            created: 1000,
        }
    }

    fn check(reference: &str) -> ImageCheck {
        ImageCheck {
            reference: reference.into(),
            same_as: None,
            max_size: None,
            non_root_user: false,
            built_during_step: false,
        }
    }

    #[test]
    fn a_tag_pointing_at_another_image_fails_naming_both() {
        let mut c = check("python-docker:v1.0.0");
        c.same_as = Some("python-docker:latest".into());
        assert_eq!(
            image(&c, Some(&img("a")), Some(&img("a")), 0, None),
            Outcome::Passed
        );
        assert_eq!(
            image(&c, Some(&img("a")), Some(&img("b")), 0, None),
            Outcome::Failed(Reason::ImageNotSame {
                reference: "python-docker:v1.0.0".into(),
                other: "python-docker:latest".into()
            })
        );
        assert!(matches!(
            image(&c, Some(&img("a")), None, 0, None),
            Outcome::Failed(Reason::ImageMissing { reference }) if reference == "python-docker:latest"
        ));
    }

    #[test]
    fn missing_image_fails() {
        assert!(matches!(
            image(&check("buildme"), None, None, 0, None),
            Outcome::Failed(Reason::ImageMissing { .. })
        ));
    }

    #[test]
    fn size_user_and_rebuild_rules() {
        let mut c = check("buildme");
        c.max_size = Some(ByteSize::mb(50));
        let Outcome::Failed(Reason::ImageTooBig { size, max, .. }) =
            image(&c, Some(&img("a")), None, 0, None)
        else {
            panic!("expected too big")
        };
        assert_eq!((size.as_str(), max.as_str()), ("150.0 MB", "50.0 MB"));
        let small = ImageFacts {
            size: 8_450_000,
            ..img("a")
        };
        assert_eq!(image(&c, Some(&small), None, 0, None), Outcome::Passed);

        let mut c = check("python-docker");
        c.non_root_user = true;
        assert!(matches!(
            image(&c, Some(&img("a")), None, 0, None),
            Outcome::Failed(Reason::ImageRootUser { .. })
        ));
        let app = ImageFacts {
            user: "appuser".into(),
            ..img("a")
        };
        assert_eq!(image(&c, Some(&app), None, 0, None), Outcome::Passed);
        for root in ["", "root", "0", "0:0", "root:root"] {
            assert!(is_root(root), "{root}");
        }

        let mut c = check("python-docker");
        c.built_during_step = true;
        assert_eq!(image(&c, Some(&img("a")), None, 999, None), Outcome::Passed);
        assert!(matches!(
            image(&c, Some(&img("a")), None, 1001, None),
            Outcome::Failed(Reason::ImageNotRebuilt { .. })
        ));
        assert!(
            matches!(
                image(&c, Some(&img("a")), None, 1000, None),
                Outcome::Failed(Reason::ImageNotRebuilt { .. })
            ),
            "created at the very instant the step began: before it"
        );
        // A cached rebuild: old `Created`, a fresh tag event.
        assert_eq!(
            image(&c, Some(&img("a")), None, 1001, Some(1002)),
            Outcome::Passed
        );
        assert!(matches!(
            image(&c, Some(&img("a")), None, 1001, Some(1001)),
            Outcome::Failed(Reason::ImageNotRebuilt { .. })
        ));
    }
}
